using SamenHier.Web.Features.Groups;
using SamenHier.Web.Features.Impact;

namespace SamenHier.Web.Tests.Impact;

/// <summary>
/// The indicators of docs/impact-indicators.md on a small hand-made programme whose answers are
/// worked out by hand: two cities, Almere (1) and Haarlem (2), groups of 2025, their members' and
/// newcomers' answers, trainings and an event.
/// </summary>
public sealed class ImpactFiguresTests
{
    private const int Almere = 1;
    private const int Haarlem = 2;

    /// <summary>The first day the last questionnaire of cohort 2025 is published (see the test of publication).</summary>
    private static readonly DateOnly FirstDayAllPublished = new(2027, 3, 2);

    private static readonly ImpactFigures Figures = ImpactFigures.Compute(Build(), today: FirstDayAllPublished);

    private static ImpactFacts Build()
    {
        var groups = new List<GroupFact>();
        var answers = new List<AnswerFact>();

        // Almere: six groups signed up on 10 January 2025, matched 10–60 days later, started on 1 June;
        // five completed the year, one withdrew; each wrote ten hours in its diary.
        var almere = new List<Guid>();
        for (var i = 0; i < 6; i++)
        {
            var id = Guid.NewGuid();
            almere.Add(id);
            var signedUp = new DateOnly(2025, 1, 10);
            groups.Add(new GroupFact(id, Almere, i == 5 ? GroupStatus.Withdrawn : GroupStatus.Completed, signedUp, signedUp.AddDays(10 * (i + 1)), new DateOnly(2025, 6, 1), 600));
        }

        // Haarlem: seven groups signed up on 1 February 2025; five matched 100 days later and started
        // on 1 July (still in their year), two are still waiting.
        var haarlem = new List<Guid>();
        for (var i = 0; i < 7; i++)
        {
            var id = Guid.NewGuid();
            var signedUp = new DateOnly(2025, 2, 1);
            if (i < 5)
            {
                haarlem.Add(id);
                groups.Add(new GroupFact(id, Haarlem, GroupStatus.YearTogether, signedUp, signedUp.AddDays(100), new DateOnly(2025, 7, 1), 0));
            }
            else
            {
                groups.Add(new GroupFact(id, Haarlem, GroupStatus.ReadyToMatch, signedUp, null, null, 0));
            }
        }

        // Members (five per group): contact at the start: Almere 10×5, 10×4, 10×2; Haarlem 5×4, 20×1.
        void Member(Guid group, int member, Wave wave, string item, string value) =>
            answers.Add(new AnswerFact(group, $"member:{group:N}-{member}", wave, "member", item, value));
        for (var m = 0; m < 30; m++)
        {
            var group = almere[m / 5];
            Member(group, m, Wave.Start, "contact", m < 10 ? "5" : m < 20 ? "4" : "2");
            Member(group, m, Wave.Month6, "hours", (m + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
            Member(group, m, Wave.Month12, "recommend", m < 15 ? "10" : m < 25 ? "8" : "3");
        }

        for (var m = 0; m < 25; m++)
        {
            var group = haarlem[m / 5];
            Member(group, m, Wave.Start, "contact", m < 5 ? "4" : "1");
            Member(group, m, Wave.Month12, "recommend", m < 5 ? "9" : m < 10 ? "7" : "0");
        }

        // Newcomers in Almere: people they can ask for help, 2–7 at the start and 10 after a year.
        for (var h = 0; h < 6; h++)
        {
            answers.Add(new AnswerFact(almere[h], $"household:{h}", Wave.Start, "newcomer", "network", (h + 2).ToString(System.Globalization.CultureInfo.InvariantCulture)));
            answers.Add(new AnswerFact(almere[h], $"household:{h}", Wave.Month12, "newcomer", "network", "10"));
        }

        var trainings = new List<TrainingFact>();
        trainings.AddRange(Enumerable.Repeat(new TrainingFact(Almere, 2024, true), 20));
        trainings.AddRange(Enumerable.Repeat(new TrainingFact(Almere, 2024, false), 5));
        trainings.AddRange(Enumerable.Repeat(new TrainingFact(Haarlem, 2024, true), 6));
        trainings.AddRange(Enumerable.Repeat(new TrainingFact(Haarlem, 2024, false), 6));
        trainings.AddRange(Enumerable.Repeat(new TrainingFact(Almere, 2025, true), 8));
        trainings.AddRange(Enumerable.Repeat(new TrainingFact(Almere, 2025, false), 2));
        trainings.AddRange(Enumerable.Repeat(new TrainingFact(Haarlem, 2025, true), 10));
        trainings.AddRange(Enumerable.Repeat(new TrainingFact(Haarlem, 2025, false), 10));

        var events = new List<EventFact>
        {
            new(Almere, 2025, 4), new(Almere, 2025, 4), new(Almere, 2025, 4),
            new(Places.NationalActivities, 2025, 1), new(Places.NationalActivities, 2025, 1),
        };
        return new ImpactFacts(groups, answers, trainings, events);
    }

    private static Figure Get(string key, int year, int place, Wave? wave = null) =>
        Figures.Get(Figures.Indicator(key, wave), year, place) ?? throw new Xunit.Sdk.XunitException($"no figure {key} {year} {place}");

    private static void Shown(double expected, Figure figure, int decimals = 3)
    {
        Assert.Equal(Visibility.Shown, figure.Visibility);
        Assert.Equal(expected, figure.Value, decimals);
    }

    [Fact]
    public void TheYears_RunFromTheFirstFactToTheLast()
    {
        Assert.Equal([2024, 2025], Figures.Years);
    }

    [Fact]
    public void SignUpsMatchesAndWaits_PerCityAndForTheCountry()
    {
        Shown(6, Get("signedUp", 2025, Almere));
        Shown(7, Get("signedUp", 2025, Haarlem));
        Shown(13, Get("signedUp", 2025, Places.Netherlands));
        Shown(6, Get("matched", 2025, Almere));
        Shown(5, Get("matched", 2025, Haarlem));
        Shown(11, Get("matched", 2025, Places.Netherlands));

        // Days from sign-up to match: Almere 10…60, Haarlem 100 ×5; the country's median is the 6th of 11.
        Shown(35, Get("daysToMatch", 2025, Almere));
        Shown(100, Get("daysToMatch", 2025, Haarlem));
        Shown(60, Get("daysToMatch", 2025, Places.Netherlands));

        // No group signed up in 2024: no figure at all, not a zero.
        Assert.Null(Figures.Get(Figures.Indicator("signedUp"), 2024, Almere));
    }

    [Fact]
    public void TheCohort_ItsStartDiaryAndOutcome_WithTheOneWithdrawalNeverShown()
    {
        Shown(11, Get("started", 2025, Places.Netherlands));

        // Almere started 1 June, 82…132 days after its matches; Haarlem 1 July, 50 days after: the 6th of 11 is 82.
        Shown(82, Get("daysToStart", 2025, Places.Netherlands));
        Shown(60, Get("diaryHours", 2025, Places.Netherlands));
        Shown(10, Get("diaryHoursPerGroup", 2025, Places.Netherlands));

        // What is worked out per group goes with the number of groups: where Almere's is hidden, so are they.
        var started = Get("started", 2025, Almere);
        Assert.Equal(started.IsShown, Get("daysToStart", 2025, Almere).IsShown);
        Assert.Equal(started.IsShown, Get("diaryHours", 2025, Almere).IsShown);

        // One withdrawal in Almere and in the country: "<5", and the completion rate that would tell it is hidden.
        Assert.Equal(Visibility.Small, Get("withdrawn", 2025, Almere).Visibility);
        Assert.Equal(Visibility.Small, Get("withdrawn", 2025, Places.Netherlands).Visibility);
        Assert.False(Get("completionRate", 2025, Almere).IsShown);
        Assert.False(Get("completionRate", 2025, Places.Netherlands).IsShown);
    }

    [Fact]
    public void ContactAcrossCultures_ShareAgreeingAndMean_PerCityAndForTheCountry()
    {
        Shown(20.0 / 30, Get("contact", 2025, Almere, Wave.Start));
        Shown(110.0 / 30, Get("contact.mean", 2025, Almere, Wave.Start));
        Shown(5.0 / 25, Get("contact", 2025, Haarlem, Wave.Start));
        Shown(40.0 / 25, Get("contact.mean", 2025, Haarlem, Wave.Start));
        Shown(25.0 / 55, Get("contact", 2025, Places.Netherlands, Wave.Start));
        Shown(150.0 / 55, Get("contact.mean", 2025, Places.Netherlands, Wave.Start));
        Assert.Equal(55, Get("contact", 2025, Places.Netherlands, Wave.Start).N);

        // Nobody answered at six months: no figure.
        Assert.Null(Figures.Get(Figures.Indicator("contact", Wave.Month6), 2025, Almere));
    }

    [Fact]
    public void HoursGivenAndRecommendation_MedianAndNetPromoterScore()
    {
        Shown(15.5, Get("hours", 2025, Almere, Wave.Month6));
        Shown(15.5, Get("hours", 2025, Places.Netherlands, Wave.Month6));

        // Almere: 15 promoters, 5 detractors of 30; Haarlem: 5 and 15 of 25; the country: 20 and 20 of 55.
        Shown(100.0 * 10 / 30, Get("recommend", 2025, Almere, Wave.Month12));
        Shown(-40, Get("recommend", 2025, Haarlem, Wave.Month12));
        Shown(0, Get("recommend", 2025, Places.Netherlands, Wave.Month12));
    }

    [Fact]
    public void TheNewcomersNetwork_GrowsByTheMedianOfEachHouseholdsChange()
    {
        Shown(4.5, Get("network", 2025, Almere, Wave.Start));
        Shown(10, Get("network", 2025, Almere, Wave.Month12));

        // Changes 8, 7, 6, 5, 4, 3: median 5.5.
        Shown(5.5, Get("network.change", 2025, Almere, Wave.Month12));
    }

    [Fact]
    public void TrainingAttendance_AndASmallNumberOfAbsencesTakesItsShareAlong()
    {
        Shown(20.0 / 25, Get("trainingAttendance", 2024, Almere));
        Shown(0.5, Get("trainingAttendance", 2024, Haarlem));
        Shown(26.0 / 37, Get("trainingAttendance", 2024, Places.Netherlands));

        // 2025: two absences in Almere.
        Assert.False(Get("trainingAttendance", 2025, Almere).IsShown);
    }

    [Fact]
    public void PeopleAtEvents_NationalOnesInTheirOwnRow_AndTheCountryKeepsItsTotal()
    {
        Assert.Equal(Visibility.Small, Get("eventPeople", 2025, Places.NationalActivities).Visibility);

        // With the country's 14 shown, Almere's 12 would give the national events' 2 away.
        Assert.Equal(Visibility.Complement, Get("eventPeople", 2025, Almere).Visibility);
        Shown(14, Get("eventPeople", 2025, Places.Netherlands));
    }

    [Fact]
    public void GroupsThatStopped_CountInTheYearTheyStopped_ByReason_WithoutAReasonUnderFiveToBeSeen()
    {
        var groups = new List<GroupFact>();
        void Stopped(int city, WithdrawalReason? reason) => groups.Add(new GroupFact(
            Guid.NewGuid(), city, GroupStatus.Withdrawn, new DateOnly(2025, 1, 5), null, null, 0, new DateOnly(2025, 10, 1), reason));
        for (var i = 0; i < 5; i++)
        {
            Stopped(Almere, WithdrawalReason.NoMatch);
        }

        Stopped(Almere, WithdrawalReason.Preparation);
        for (var i = 0; i < 7; i++)
        {
            Stopped(Haarlem, i == 0 ? null : WithdrawalReason.MembersMoved);
        }

        var figures = ImpactFigures.Compute(new ImpactFacts(groups, [], [], []), new DateOnly(2026, 11, 29));
        Figure Get(string key, int place) => figures.Get(figures.Indicator(key), 2025, place)!.Value;

        Assert.Equal(13, Get("withdrawals", Places.Netherlands).Value);
        Assert.True(Get("withdrawals", Places.Netherlands).IsShown);
        Assert.Equal(Visibility.Small, Get("withdrawnFor.Preparation", Almere).Visibility);

        // The one without a reason counts as "other"; nothing under five is shown, anywhere.
        Assert.Equal(1, Get("withdrawnFor.Other", Haarlem).Value);
        foreach (var reason in Enum.GetValues<WithdrawalReason>())
        {
            foreach (var place in new[] { Almere, Haarlem, Places.Netherlands })
            {
                var figure = Get($"withdrawnFor.{reason}", place);
                Assert.True(!figure.IsShown || figure.Value >= 5, $"{reason} in {place}: {figure.Value}");
            }
        }
    }

    [Fact]
    public void AQuestionnaireWave_IsPublishedOnlyOnceItHasClosedForTheWholeCohort_ThenNoLongerChanges()
    {
        // A group of cohort 2025 may start on 31 December: its questionnaires can be answered until
        // sixty days after their date, the last one until 1 March 2027.
        Assert.Equal(new DateOnly(2026, 3, 2), ImpactFigures.PublishedFrom(2025, Wave.Start));
        Assert.Equal(new DateOnly(2026, 8, 30), ImpactFigures.PublishedFrom(2025, Wave.Month6));
        Assert.Equal(FirstDayAllPublished, ImpactFigures.PublishedFrom(2025, Wave.Month12));

        var dayBefore = ImpactFigures.Compute(Build(), new DateOnly(2027, 3, 1));
        var recommend = dayBefore.Indicator("recommend", Wave.Month12);
        Assert.Null(dayBefore.Get(recommend, 2025, Almere));
        Assert.Null(dayBefore.Get(recommend, 2025, Places.Netherlands));
        Assert.Null(dayBefore.Get(dayBefore.Indicator("network", Wave.Month12), 2025, Almere));
        Assert.Null(dayBefore.Get(dayBefore.Indicator("network.change", Wave.Month12), 2025, Almere));
        Assert.Equal(FirstDayAllPublished, dayBefore.PendingUntil(recommend, 2025));
        // The waves closed before, and the programme, are there and the same.
        Assert.Equal(Get("contact", 2025, Almere, Wave.Start), dayBefore.Get(dayBefore.Indicator("contact", Wave.Start), 2025, Almere));
        Assert.Equal(Get("hours", 2025, Places.Netherlands, Wave.Month6), dayBefore.Get(dayBefore.Indicator("hours", Wave.Month6), 2025, Places.Netherlands));
        Assert.Equal(Get("completed", 2025, Almere), dayBefore.Get(dayBefore.Indicator("completed"), 2025, Almere));
        Assert.Null(dayBefore.PendingUntil(dayBefore.Indicator("completed"), 2025));
        Assert.Null(dayBefore.PendingUntil(dayBefore.Indicator("contact", Wave.Start), 2025));

        // What people read: "not yet" where the wave is open, the figure once it has closed.
        var t = new KeysAsTexts();
        string CellText(ImpactFigures figures) => ImpactView.Build(figures, Almere, "Almere", [2025], t).Sections
            .SelectMany(s => s.Rows).Single(r => r.Indicator == recommend).Cells.Single().Text;
        Assert.Equal("Impact_Pending", CellText(dayBefore));
        Assert.Equal(ImpactView.Format(100.0 * 10 / 30, Measure.Nps), CellText(Figures));

        // From the first day on, the figures are those of every later day (all answers are final).
        var later = ImpactFigures.Compute(Build(), new DateOnly(2027, 12, 31));
        Assert.Equal(Figures.Get(recommend, 2025, Almere), later.Get(later.Indicator("recommend", Wave.Month12), 2025, Almere));
        Assert.Null(Figures.PendingUntil(recommend, 2025));
    }

    [Fact]
    public void WhatLeavesTheSystem_NeverShowsACountUnderFive_InAnyPlaceOrYear()
    {
        var t = new KeysAsTexts();
        var places = new[] { Places.Netherlands, Places.NationalActivities, Almere, Haarlem };
        var shownCounts = 0;
        foreach (var place in places)
        {
            var view = ImpactView.Build(Figures, place, $"place {place}", Figures.Years, t);
            foreach (var row in view.Sections.SelectMany(s => s.Rows))
            {
                foreach (var cell in row.Cells)
                {
                    // A figure's number of groups, people or answers is a count too.
                    Assert.True(cell.N is "" or "Impact_Small" or "Impact_Hidden" || long.Parse(cell.N, System.Globalization.CultureInfo.CurrentCulture) >= 5, $"{row.Indicator.Id} n={cell.N}");
                    if (row.Indicator.Measure == Measure.Count && cell.Value is { } value)
                    {
                        Assert.True(value >= 5, $"{row.Indicator.Id} in {place}: {value}");
                        shownCounts++;
                    }
                }
            }

            // Charts draw shown figures only.
            foreach (var chart in view.Charts)
            {
                foreach (var (label, values) in chart.Series)
                {
                    for (var y = 0; y < Figures.Years.Count; y++)
                    {
                        if (values[y] is not null)
                        {
                            var indicator = Figures.Indicators.First(i => t[$"Impact_{i.Key}"].Value == label && (i.Wave is null || i.Wave == Wave.Month12));
                            Assert.True(Figures.Get(indicator, Figures.Years[y], place)!.Value.IsShown);
                        }
                    }
                }
            }
        }

        Assert.True(shownCounts >= 5, $"only {shownCounts} counts shown: the check would prove little");
    }

    [Fact]
    public void TheItemsOfOneQuestionnaire_HideTheSameNumbersOfPeople_SoOneCannotBeSetAgainstAnother()
    {
        // Almere, Haarlem and Zwolle (3): ten members each answered both questions, except three in
        // Haarlem who skipped the contact question; Haarlem's three would be hidden in one table only.
        const int Zwolle = 3;
        var groups = new List<GroupFact>();
        var answers = new List<AnswerFact>();
        foreach (var city in new[] { Almere, Haarlem, Zwolle })
        {
            var id = Guid.NewGuid();
            groups.Add(new GroupFact(id, city, GroupStatus.YearTogether, new DateOnly(2025, 1, 1), new DateOnly(2025, 2, 1), new DateOnly(2025, 3, 1), 0));
            var members = city == Haarlem ? 6 : 10;
            for (var m = 0; m < members; m++)
            {
                if (!(city == Haarlem && m < 3))
                {
                    answers.Add(new AnswerFact(id, $"member:{city}-{m}", Wave.Start, "member", "contact", m % 2 == 0 ? "4" : "2"));
                }

                answers.Add(new AnswerFact(id, $"member:{city}-{m}", Wave.Start, "member", "community", m % 2 == 0 ? "5" : "1"));
            }
        }

        var figures = ImpactFigures.Compute(new ImpactFacts(groups, answers, [], []), new DateOnly(2026, 11, 29));
        Assert.Equal(Visibility.Small, figures.Get(figures.Indicator("contact", Wave.Start), 2025, Haarlem)!.Value.NVisibility);
        foreach (var place in new[] { Almere, Haarlem, Zwolle, Places.Netherlands })
        {
            var contact = figures.Get(figures.Indicator("contact", Wave.Start), 2025, place)!.Value;
            var community = figures.Get(figures.Indicator("community", Wave.Start), 2025, place)!.Value;
            Assert.True(contact.NVisibility == Visibility.Shown == (community.NVisibility == Visibility.Shown), $"place {place}");
        }
    }

    [Fact]
    public void AFewPeopleAtManySessionsOrEvents_DoNotMakeANumberBigEnoughToShow()
    {
        // Almere: three members, each at four sessions (twelve registrations, six attended); one
        // household at six events. Haarlem: ten members at one session each, ten households at one event.
        var three = Enumerable.Range(0, 3).Select(_ => Guid.NewGuid()).ToList();
        var trainings = three.SelectMany(p => Enumerable.Range(0, 4).Select(i => new TrainingFact(Almere, 2025, i % 2 == 0, p)))
            .Concat(Enumerable.Range(0, 10).Select(i => new TrainingFact(Haarlem, 2025, i < 6, Guid.NewGuid())))
            .ToList();
        var household = Guid.NewGuid();
        var events = Enumerable.Range(0, 6).Select(_ => new EventFact(Almere, 2025, 2, household))
            .Concat(Enumerable.Range(0, 10).Select(_ => new EventFact(Haarlem, 2025, 3, Guid.NewGuid())))
            .ToList();
        var figures = ImpactFigures.Compute(new ImpactFacts([], [], trainings, events), new DateOnly(2026, 11, 29));
        Figure Get(string key, int place) => figures.Get(figures.Indicator(key), 2025, place)!.Value;

        Assert.False(Get("trainingAttendance", Almere).IsShown);
        Assert.False(Get("eventPeople", Almere).IsShown);
        Assert.Equal(Visibility.Complement, Get("eventPeople", Almere).Visibility); // twelve people, one household: "×", not "<5"
        Assert.Equal(42, Get("eventPeople", Places.Netherlands).Value);
        Assert.True(Get("eventPeople", Places.Netherlands).IsShown);
        Assert.Equal(11, Get("eventPeople", Places.Netherlands).N); // households
    }

    /// <summary>Texts as their keys, with the arguments after them.</summary>
    private sealed class KeysAsTexts : Microsoft.Extensions.Localization.IStringLocalizer
    {
        public Microsoft.Extensions.Localization.LocalizedString this[string name] => new(name, name);

        public Microsoft.Extensions.Localization.LocalizedString this[string name, params object[] arguments] => new(name, name + " " + string.Join(" ", arguments));

        public IEnumerable<Microsoft.Extensions.Localization.LocalizedString> GetAllStrings(bool includeParentCultures) => [];
    }
}
