using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Bogus;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using SamenHier.Web.Features.Accounts;
using SamenHier.Web.Features.Calendar;
using SamenHier.Web.Features.Cities;
using SamenHier.Web.Features.Events;
using SamenHier.Web.Features.Groups;
using SamenHier.Web.Features.Impact;
using SamenHier.Web.Features.Matching;
using SamenHier.Web.Features.Newcomers;
using SamenHier.Web.Features.Privacy;
using SamenHier.Web.Features.SignUp;
using SamenHier.Web.Features.Trainings;
using SamenHier.Web.Features.Year;
using SamenHier.Web.Infrastructure;
using SamenHier.Web.Infrastructure.Localization;
using SamenHier.Web.Infrastructure.Security;
using SamenHier.Web.Resources;
using static SamenHier.Web.Data.ScaleSeedPools;

namespace SamenHier.Web.Data;

/// <summary>What <see cref="ScaleSeed"/> made.</summary>
public sealed record ScaleSeedSummary(
    int People, int Members, int NewcomerPeople, int Staff, int Cities, int Groups, int Households, int Accounts,
    IReadOnlyDictionary<GroupStatus, int> GroupsByStatus, long Rows, TimeSpan Elapsed);

/// <summary>
/// Fills an empty database with a programme of several years at national scale (<c>seed --people N</c>),
/// for load benchmarks and scale tests. People are group members, newcomer household members and staff
/// accounts: exactly <c>N</c> of them (member and newcomer portal accounts are the same people and do
/// not count again). Groups reach every status in realistic shares, their histories (sign-up, intake,
/// screening, trainings, plan, matching, the year with its diary, check-ins, reviews and questionnaires)
/// spread over the four years before the clock's now, as the site itself would have written them:
/// what the retention period would have erased is erased, what the site's jobs would send is there.
/// Reproducible: a fixed seed, the same people for the same N and day. Addresses are at example.org,
/// example.net and example.com (reserved, never delivered).
/// </summary>
public sealed class ScaleSeed
{
    /// <summary>The smallest N: room for staff in a few cities and a group of every status.</summary>
    public const int MinimumPeople = 100;

    public const int RandomSeed = 20190601;

    /// <summary>Rows written per database round of inserts (each with its own short-lived context).</summary>
    private const int FlushRows = 20_000;

    private const string Erased = Erasure.Erased;

    private static readonly GroupStatus[] Coverage =
    [
        GroupStatus.Completed, GroupStatus.YearTogether, GroupStatus.ReadyToMatch, GroupStatus.Matched,
        GroupStatus.Complete, GroupStatus.AwaitingConfirmation, GroupStatus.Withdrawn, GroupStatus.Expired,
    ];

    /// <summary>The shares of group statuses in a programme four years on: most groups have finished or are in their year.</summary>
    private static readonly (GroupStatus Status, float Share)[] StatusShares =
    [
        (GroupStatus.Completed, 0.40f), (GroupStatus.YearTogether, 0.20f), (GroupStatus.Matched, 0.04f),
        (GroupStatus.ReadyToMatch, 0.06f), (GroupStatus.Complete, 0.11f), (GroupStatus.AwaitingConfirmation, 0.02f),
        (GroupStatus.Withdrawn, 0.10f), (GroupStatus.Expired, 0.07f),
    ];

    private readonly IServiceScopeFactory _scopes;
    private readonly RestrictedData _restricted;
    private readonly IStringLocalizer<SharedResource> _t;
    private readonly SignUpOptions _signUp;
    private readonly RetentionOptions _retention;
    private readonly Action<string> _log;
    private readonly CancellationToken _ct;
    private readonly Faker _f;
    private readonly Randomizer _r;
    private readonly DateTimeOffset _now;
    private readonly DateOnly _today;
    private readonly DateOnly _start;
    private readonly List<object> _pending = [];
    private int _pendingRows;
    private long _rows;
    private readonly Stopwatch _writing = new();
    private int _emailNumber;
    private int _idCounter = 0x1000_0000;

    private readonly List<CityPlan> _cities = [];
    private float[] _cityWeights = [];
    private readonly List<Staff> _national = [];
    private readonly Dictionary<(int City, string Module, int Period), SessionState> _sessions = [];
    private readonly Dictionary<(int City, int Month), Guid> _runs = [];
    private readonly Dictionary<int, List<(Guid Id, DateTimeOffset StartsAt, int? CityId)>> _events = [];
    private List<TrainingModule> _modules = [];
    private readonly Dictionary<SurveyAudience, Questionnaire> _questionnaires = [];
    private int _signUpConsent;
    private readonly Dictionary<string, int> _profileConsent = [];
    private readonly Dictionary<(GroupType, string), string> _taskTitles = [];
    private Guid _memberRole;
    private Guid _newcomerRole;

    private int _members;
    private int _newcomerPeople;
    private int _households;
    private int _accounts;
    private readonly Dictionary<GroupStatus, int> _byStatus = [];

    private ScaleSeed(IServiceProvider services, Action<string> log, CancellationToken ct)
    {
        _scopes = services.GetRequiredService<IServiceScopeFactory>();
        _restricted = services.GetRequiredService<RestrictedData>();
        _t = services.GetRequiredService<IStringLocalizer<SharedResource>>();
        _signUp = services.GetRequiredService<IOptions<SignUpOptions>>().Value;
        _retention = services.GetRequiredService<IOptions<RetentionOptions>>().Value;
        _log = log;
        _ct = ct;
        _r = new Randomizer(RandomSeed);
        _f = new Faker("nl") { Random = _r };
        // The programme up to the start of today (Dutch time): the same N on the same day gives the same people.
        var time = services.GetRequiredService<TimeProvider>();
        _today = time.TodayInNetherlands();
        _now = LocalTimes.Instant(_today, TimeOnly.MinValue);
        _start = _today.AddYears(-4);
    }

    /// <summary>
    /// Seeds <paramref name="people"/> people into the app's database, which must be migrated and hold
    /// its reference data; returns null (and writes nothing) when it already holds groups.
    /// </summary>
    public static async Task<ScaleSeedSummary?> RunAsync(IServiceProvider services, int people, Action<string>? log, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(people, MinimumPeople);
        await using (var scope = services.CreateAsyncScope())
        {
            if (await scope.ServiceProvider.GetRequiredService<AppDbContext>().Groups.AnyAsync(ct))
            {
                return null;
            }
        }

        var watch = Stopwatch.StartNew();
        var seed = new ScaleSeed(services, log ?? (_ => { }), ct);
        await seed.RunAsync(people);
        var staff = seed._national.Count + seed._cities.Sum(c => c.Coordinators.Count + c.Builders.Count);
        return new ScaleSeedSummary(
            seed._members + seed._newcomerPeople + staff, seed._members, seed._newcomerPeople, staff, seed._cities.Count,
            seed._byStatus.Values.Sum(), seed._households, seed._accounts, seed._byStatus, seed._rows, watch.Elapsed);
    }

    private async Task RunAsync(int people)
    {
        await LoadReferenceAsync();
        await AddCitiesAndStaffAsync(people);
        AddEvents();
        await FlushAsync();
        _log($"Cities, staff and events: {_rows:N0} rows.");

        var remaining = people - _national.Count - _cities.Sum(c => c.Coordinators.Count + c.Builders.Count);
        var made = 0;
        var reported = 0;
        // Each step costs at most 5 + 7 people, so the loop never overshoots; the rest waits as households.
        while (remaining >= _signUp.MaxMembers + 8)
        {
            if (made >= Coverage.Length && _r.Bool(0.09f))
            {
                remaining -= AddLoneHousehold(Pick(), null);
                continue;
            }

            var status = made < Coverage.Length ? Coverage[made] : _r.WeightedRandom(StatusShares.Select(s => s.Status).ToArray(), StatusShares.Select(s => s.Share).ToArray());
            remaining -= AddGroup(status);
            made++;
            if (_pendingRows >= FlushRows)
            {
                await FlushAsync();
                if (_rows - reported >= 250_000)
                {
                    reported = (int)_rows;
                    _log($"  {made:N0} groups, {_rows:N0} rows ({people - remaining:N0} of {people:N0} people)");
                }
            }
        }

        while (remaining > 0)
        {
            remaining -= AddLoneHousehold(Pick(), Math.Min(remaining, 6));
        }

        await FlushAsync();
        await SetBuilderCapacityAsync();
        _log($"Writing took {_writing.Elapsed.TotalSeconds:N0} s of it.");
    }

    // ---------------------------------------------------------------- reference data, cities, staff

    private async Task LoadReferenceAsync()
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        _modules = await db.TrainingModules.AsNoTracking().OrderBy(m => m.SortOrder).ToListAsync(_ct);
        foreach (var q in await db.Questionnaires.AsNoTracking().Include(q => q.Items).ToListAsync(_ct))
        {
            if (!_questionnaires.TryGetValue(q.Audience, out var known) || known.Version < q.Version)
            {
                _questionnaires[q.Audience] = q;
            }
        }

        var roles = await db.Roles.AsNoTracking().ToDictionaryAsync(r => r.Name!, r => r.Id, _ct);
        _memberRole = roles[PortalRoles.GroupMember];
        _newcomerRole = roles[PortalRoles.Newcomer];

        // The words people agreed to, recorded as the site records them.
        var statement = scope.ServiceProvider.GetRequiredService<PrivacyStatement>();
        var version = _signUp.PrivacyStatementVersion;
        var signUpText = LocalizationSetup.In("nl", () => statement.WithStatement(_t["SignUp_Consent_Agree", version].Value, _t));
        _signUpConsent = await ConsentTexts.IdAsync(db, ConsentTexts.SignUp, version, "nl", signUpText, _now.AddYears(-4), _ct);
        foreach (var language in LocalizationSetup.SupportedCultures)
        {
            var text = LocalizationSetup.In(language, () => ConsentTexts.ProfileSharingText(_t));
            _profileConsent[language] = await ConsentTexts.IdAsync(db, ConsentTexts.ProfileSharing, ConsentTexts.ProfileSharingVersion, language, text, _now.AddYears(-4), _ct);
        }

        foreach (var (type, _, key, _, _) in Plans.StandardTemplate)
        {
            _taskTitles[(type, key)] = LocalizationSetup.In("nl", () => _t[$"Template_{type}_{key}"].Value);
        }
    }

    /// <summary>About one city per 3,000 people (4 to 40), each with coordinators and enough community builders for its groups.</summary>
    private async Task AddCitiesAndStaffAsync(int people)
    {
        var count = Math.Clamp(4 + (people / 3000), 4, Cities.Length);
        var weight = Cities.Take(count).Sum(c => c.Weight);
        await using (var scope = _scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var existing = await db.Cities.ToDictionaryAsync(c => c.Slug, _ct);
            var order = existing.Values.Select(c => c.SortOrder).DefaultIfEmpty().Max();
            for (var i = 0; i < count; i++)
            {
                var (slug, name, _, _, welcome) = Cities[i];
                if (!existing.TryGetValue(slug, out var city))
                {
                    city = new City { Slug = slug, Name = name, SortOrder = ++order };
                    db.Cities.Add(city);
                }

                city.State = CityState.Active;
                city.SponsorGroupsOpen = true;
                city.WelcomeGroupsOpen = welcome;
                city.PartnerName ??= string.Format(CultureInfo.InvariantCulture, _r.ArrayElement(Partners), name);
                city.ContactEmail ??= $"{slug}@example.org";
                city.HousingPlaces = _r.Bool(0.3f) ? _r.Int(10, 80) : null;
                city.ConcurrencyStamp = Guid.NewGuid();
            }

            if (count >= 10)
            {
                foreach (var (slug, name, state) in Prospects.Where(p => !existing.ContainsKey(p.Slug)))
                {
                    db.Cities.Add(new City { Slug = slug, Name = name, State = state, SortOrder = ++order });
                }
            }

            await db.SaveChangesAsync(_ct);
            var ids = await db.Cities.AsNoTracking().ToDictionaryAsync(c => c.Slug, c => c.Id, _ct);
            for (var i = 0; i < count; i++)
            {
                var (slug, name, w, postcode, welcome) = Cities[i];
                _cities.Add(new CityPlan(ids[slug], name, w / weight, postcode, welcome));
            }
        }

        _cityWeights = [.. _cities.Select(c => (float)c.Weight)];
        var roles = await RoleIdsAsync();
        for (var i = 0; i < 3; i++)
        {
            _national.Add(AddStaff(StaffRoles.NationalStaff, roles, null, 0));
        }

        foreach (var city in _cities)
        {
            var coordinators = Math.Clamp((int)Math.Round(people * city.Weight / 8000), 1, 4);
            for (var i = 0; i < coordinators; i++)
            {
                city.Coordinators.Add(AddStaff(StaffRoles.Coordinator, roles, city, 0));
            }

            // About one community builder per four running groups (a group is some seven people).
            var builders = Math.Max(1, (int)Math.Round(people * city.Weight * 0.0085));
            for (var i = 0; i < builders; i++)
            {
                city.Builders.Add(AddStaff(StaffRoles.CommunityBuilder, roles, city, 4));
            }
        }
    }

    private async Task<Dictionary<string, Guid>> RoleIdsAsync()
    {
        await using var scope = _scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Roles.AsNoTracking().ToDictionaryAsync(r => r.Name!, r => r.Id, _ct);
    }

    private Staff AddStaff(string role, Dictionary<string, Guid> roles, CityPlan? city, int capacity)
    {
        var (first, last) = ResidentName();
        var name = $"{first} {last}";
        var email = NextEmail(first, last, "example.org");
        var languages = role == StaffRoles.CommunityBuilder
            ? string.Join(',', new[] { "nl" }.Concat(_r.ArrayElements(Origins.Select(o => o.Language).ToArray(), _r.Int(1, 2))).Distinct())
            : "";
        var user = NewUser(email, email, name, "nl", _now.AddDays(-_r.Int(30, 1400)));
        user.Languages = languages;
        user.GroupCapacity = capacity;
        user.LockoutEnabled = true;
        if (city is not null)
        {
            user.Cities = [new StaffCity { UserId = user.Id, CityId = city.Id }];
        }

        Add(user, 1 + user.Cities.Count);
        Add(new IdentityUserRole<Guid> { UserId = user.Id, RoleId = roles[role] });
        return new Staff(user.Id, name, languages.Split(',', StringSplitOptions.RemoveEmptyEntries));
    }

    private AppUser NewUser(string userName, string email, string name, string language, DateTimeOffset created) => new()
    {
        Id = NewId(),
        UserName = userName,
        NormalizedUserName = userName.ToUpperInvariant(),
        Email = email,
        NormalizedEmail = email.ToUpperInvariant(),
        EmailConfirmed = true,
        SecurityStamp = Convert.ToHexString(_r.Bytes(16)),
        DisplayName = name,
        Language = language,
        CreatedAt = created,
    };

    /// <summary>The builders' capacity follows the groups they hold now, often with a little room.</summary>
    private async Task SetBuilderCapacityAsync()
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var capacities = _cities.SelectMany(c => c.Builders).Select(b => (b.Id, Capacity: Math.Max(2, b.Load + _r.Int(0, 2)))).ToList();
        foreach (var byCapacity in capacities.GroupBy(b => b.Capacity))
        {
            var ids = byCapacity.Select(b => b.Id).ToList();
            await db.Users.Where(u => ids.Contains(u.Id)).ExecuteUpdateAsync(s => s.SetProperty(u => u.GroupCapacity, byCapacity.Key), _ct);
        }
    }

    // ---------------------------------------------------------------- community events

    /// <summary>A monthly event in every city and a national online evening each quarter, from the programme's start to two months ahead.</summary>
    private void AddEvents()
    {
        var until = _today.AddMonths(2);
        foreach (var city in _cities)
        {
            var list = _events[city.Id] = [];
            var organiser = city.Coordinators[0].Name;
            for (var month = new DateOnly(_start.Year, _start.Month, 1).AddMonths(2); month <= until; month = month.AddMonths(1))
            {
                var (title, description) = _r.ArrayElement(EventKinds);
                var day = month.AddDays(_r.Int(5, 25));
                var startsAt = LocalTimes.Instant(day, new TimeOnly(_r.Bool() ? 14 : 19, 0));
                var id = NewId();
                Add(new CommunityEvent
                {
                    Id = id,
                    CityId = city.Id,
                    Title = title,
                    Description = description,
                    StartsAt = startsAt,
                    EndsAt = startsAt.AddHours(2),
                    Place = $"{_r.ArrayElement(Venues)}, {city.Name}",
                    Capacity = _r.Bool(0.7f) ? _r.Int(4, 12) * 10 : null,
                    Languages = "nl,en,ar",
                    Accessibility = "Drempelvrij, met invalidentoilet.",
                    Public = _r.Bool(0.6f),
                    CancelledAt = _r.Bool(0.03f) ? startsAt.AddDays(-_r.Int(1, 10)) : null,
                    CreatedAt = startsAt.AddDays(-_r.Int(20, 60)),
                    CreatedBy = organiser,
                });
                list.Add((id, startsAt, city.Id));
            }
        }

        var national = new List<(Guid, DateTimeOffset, int?)>();
        for (var month = new DateOnly(_start.Year, _start.Month, 1).AddMonths(3); month <= until; month = month.AddMonths(3))
        {
            var startsAt = LocalTimes.Instant(month.AddDays(_r.Int(8, 20)), new TimeOnly(20, 0));
            var id = NewId();
            Add(new CommunityEvent
            {
                Id = id,
                Title = "Landelijke avond voor groepen",
                Description = "Groepen uit het hele land wisselen ervaringen uit.",
                StartsAt = startsAt,
                EndsAt = startsAt.AddHours(1),
                Place = "https://meet.example.org/samenhier",
                Online = true,
                Languages = "nl,en",
                Accessibility = "Online, met automatische ondertiteling.",
                CreatedAt = startsAt.AddDays(-30),
                CreatedBy = _national[0].Name,
            });
            national.Add((id, startsAt, null));
        }

        foreach (var list in _events.Values)
        {
            list.AddRange(national);
        }
    }

    // ---------------------------------------------------------------- groups

    /// <summary>Adds one group of the given status with its whole history; returns the people it holds.</summary>
    private int AddGroup(GroupStatus status)
    {
        var city = Pick();
        var type = city.Welcome && _r.Bool(0.4f) ? GroupType.Welcome : GroupType.Sponsor;
        var plan = Timeline.Sample(_r, type);
        var span = _today.DayNumber - _start.DayNumber;
        double at;
        double? withdrawnAt = null;
        switch (status)
        {
            case GroupStatus.AwaitingConfirmation:
                at = Between(0, Math.Min(plan.Complete, 13));
                break;
            case GroupStatus.Expired:
                at = Grown(15, span);
                break;
            case GroupStatus.Complete:
                at = Between(plan.Complete, plan.Ready);
                break;
            case GroupStatus.ReadyToMatch:
                at = Between(plan.Ready, plan.Match, _r.Double() * _r.Double());
                break;
            case GroupStatus.Matched:
                at = Between(plan.Match, plan.Start);
                break;
            case GroupStatus.YearTogether:
                at = Between(plan.Start, plan.End);
                break;
            case GroupStatus.Completed:
                at = Grown(plan.End + 1, span);
                break;
            default:
                // Stopped while preparing, waiting, matched or in the year.
                var (from, to) = _r.WeightedRandom(
                    [(plan.Complete, plan.Ready), (plan.Ready, plan.Match), (plan.Match, plan.Start), (plan.Start, plan.End - 30)],
                    [0.45f, 0.2f, 0.05f, 0.3f]);
                withdrawnAt = Between(from, to);
                at = Grown(withdrawnAt.Value + 1, span);
                break;
        }

        // The group was created `at` days ago; `cut` is where its history stops (now, or when it stopped).
        var created = _now.AddDays(-at);
        var cut = withdrawnAt is { } w ? created.AddDays(w) : _now;
        bool Did(double offset) => created.AddDays(offset) <= cut;
        var coordinator = _r.ArrayElement(city.Coordinators.ToArray());
        var group = new Group
        {
            Id = NewId(),
            CityId = city.Id,
            Type = type,
            Name = $"{_f.Address.StreetName()} {_r.ArrayElement(GroupNameSuffixes)}",
            Motivation = _r.ArrayElement(Motivations),
            Status = status,
            CreatedAt = created,
            ExpiresAt = created.AddDays(_signUp.ExpiryDays),
            SubmissionKey = NewId(),
            StatusTokenHash = Token(),
        };
        _byStatus[status] = _byStatus.GetValueOrDefault(status) + 1;
        if (status == GroupStatus.Expired)
        {
            // Members and everything personal went when it expired (SignUpService.ExpireAsync).
            group.Name = null;
            group.Motivation = null;
            group.StatusTokenHash = null;
            Add(group);
            return 0;
        }

        var events = new List<GroupEvent>();
        void Event(DateTimeOffset on, string kind, Staff? by, string? detail = null, string? reason = null, string? byName = null) =>
            events.Add(new GroupEvent { GroupId = group.Id, At = on, ByUserId = by?.Id, ByName = byName ?? by?.Name ?? "", Kind = kind, Detail = detail, Reason = reason });

        var active = GroupReadiness.IsActive(status);
        var size = _r.Int(_signUp.MinMembers, _signUp.MaxMembers);
        var reachedYear = Did(plan.Start) && status is not GroupStatus.Matched;
        for (var i = 0; i < size; i++)
        {
            var confirm = i == 0 ? 0 : i == size - 1 ? plan.Complete : _r.Double() * plan.Complete;
            group.Members.Add(NewMember(group, i, created, Did(confirm) ? created.AddDays(confirm) : null, active, reachedYear));
        }

        var members = group.Members;
        if (Did(plan.Complete))
        {
            group.CompletedAt = created.AddDays(plan.Complete);
        }

        if (Did(plan.Intake))
        {
            var intake = created.AddDays(plan.Intake);
            group.IntakeDoneOn = Day(intake);
            group.MaxHouseholdSize = type == GroupType.Sponsor ? _r.Int(3, 7) : _r.Int(1, 4);
            group.ChildrenExperience = _r.Bool(0.5f);
            group.AccessibilityOffered = _r.Bool(0.2f) ? string.Join(',', _r.ArrayElements(GroupOffer.AccessibilityKeys, _r.Int(1, 2))) : "";
            group.Traits = string.Join(',', _r.ArrayElements(GroupOffer.PreferenceKeys, _r.Int(0, 3)));
            group.Wishes = string.Join(',', _r.ArrayElements(GroupOffer.PreferenceKeys, _r.Int(0, 2)));
            Event(intake, "IntakeDone", coordinator);
            Event(intake.AddMinutes(5), "OfferRecorded", coordinator);
        }

        foreach (var m in members)
        {
            var checkedAt = plan.Vog + (_r.Double() * 15);
            if (Did(checkedAt) && m.ErasedAt is null)
            {
                m.VogCheckedOn = Day(created.AddDays(checkedAt));
                m.VogCheckedBy = coordinator.Name;
                m.VogOutcome = VogOutcome.Cleared;
                Event(created.AddDays(checkedAt), "VogChecked", coordinator, m.Name);
            }
        }

        AddTrainings(city, group, created, plan, cut, Did(plan.Trainings));
        if (Did(plan.Trainings))
        {
            group.TrainingsDoneAt = created.AddDays(plan.Trainings);
            Event(group.TrainingsDoneAt.Value, "TrainingsDone", coordinator);
        }

        List<PlanTask> tasks = [];
        if (Did(plan.PlanStart))
        {
            Event(created.AddDays(plan.PlanStart), "PlanStarted", null, byName: members[0].Name);
            tasks = AddPlan(group, created.AddDays(plan.PlanStart));
        }

        if (Did(plan.PlanSubmitted))
        {
            group.PlanSubmittedAt = created.AddDays(plan.PlanSubmitted);
            Event(group.PlanSubmittedAt.Value, "PlanSubmitted", null, byName: members[0].Name);
        }

        if (Did(plan.PlanApproved))
        {
            group.PlanApprovedAt = created.AddDays(plan.PlanApproved);
            Event(group.PlanApprovedAt.Value, type == GroupType.Sponsor ? "PlanApproved" : "GoalsSet", coordinator);
        }

        if (Did(plan.Ready) && status != GroupStatus.Complete && !(withdrawnAt < plan.Ready))
        {
            group.ReadyAt = created.AddDays(plan.Ready);
            Event(group.ReadyAt.Value, "ReadyToMatch", coordinator);
        }

        var people = size;
        NewcomerHousehold? household = null;
        Staff? builder = null;
        if (Did(plan.Match) && group.ReadyAt is not null)
        {
            var matchedAt = created.AddDays(plan.Match);
            builder = PickBuilder(city, active);
            household = NewHousehold(city, type, matchedAt.AddDays(-_r.Int(20, 300)), NewcomerStatus.Matched, null);
            people += household.People.Count;
            group.NewcomerHouseholdId = household.Id;
            group.CommunityBuilderId = builder.Id;
            group.MatchedAt = matchedAt;
            group.ArrivalOn = Day(created.AddDays(plan.Start));
            if (household.Route == NewcomerRoute.Resettlement)
            {
                household.ExpectedArrival = group.ArrivalOn;
            }

            if (_r.Bool(0.85f) && matchedAt.AddDays(5) <= _now)
            {
                var language = LocalizationSetup.Normalize(household.ContactLanguage);
                household.ProfileConsentAt = matchedAt.AddDays(_r.Int(0, 5));
                household.ProfileConsentBy = household.UserId is not null && _r.Bool() ? Features.Portal.MyDetailsModel.ByHousehold : coordinator.Name;
                household.ProfileConsentTextId = _profileConsent[language];
            }

            AddProposal(city, group, household, builder, coordinator, matchedAt);
            Event(matchedAt, "Matched", coordinator);
            Event(matchedAt.AddMinutes(1), "CommunityBuilderAssigned", coordinator, builder.Name);
            Event(matchedAt.AddDays(_r.Int(1, 7)), "ArrivalDateSet", coordinator, group.ArrivalOn.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }
        else if (status == GroupStatus.ReadyToMatch && _r.Bool(0.3f))
        {
            // Some coordinators choose the builder before the match.
            builder = PickBuilder(city, active);
            group.CommunityBuilderId = builder.Id;
            Event(group.ReadyAt!.Value.AddDays(_r.Int(1, 10)), "CommunityBuilderAssigned", coordinator, builder.Name);
        }

        if (household is not null && reachedYear)
        {
            var started = Day(created.AddDays(plan.Start));
            // The last day of the year so far: yesterday for a running group, the day it stopped for one that stopped.
            var until = Day(cut.AddTicks(-1));
            group.YearStartedOn = started;
            Event(LocalTimes.Instant(started, new TimeOnly(18, 0)), "YearStarted", coordinator, started.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            if (status == GroupStatus.Completed)
            {
                var ended = started.AddDays(365 + _r.Int(-3, 10));
                group.YearEndedOn = ended < _today ? ended : _today.AddDays(-1);
                until = group.YearEndedOn.Value;
                Event(LocalTimes.Instant(group.YearEndedOn.Value, new TimeOnly(17, 0)), "YearCompleted", coordinator, group.YearEndedOn.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                foreach (var m in members.Where(m => m.ErasedAt is null && _r.Bool(0.3f)))
                {
                    m.AlumnusSince = LocalTimes.Instant(group.YearEndedOn.Value, new TimeOnly(17, 0));
                }
            }

            MaybeMemberLeft(group, started, until, Event);
            CompleteTasks(tasks, group, started, until);
            AddYear(city, group, household, builder!, coordinator, started, until, Event);
        }

        if (withdrawnAt is not null)
        {
            group.WithdrawnAt = cut;
            group.WithdrawnFor = withdrawnAt < plan.Ready
                ? _r.WeightedRandom([WithdrawalReason.Circumstances, WithdrawalReason.MembersMoved, WithdrawalReason.GroupDynamics, WithdrawalReason.Preparation, WithdrawalReason.Other], [0.35f, 0.2f, 0.15f, 0.2f, 0.1f])
                : withdrawnAt < plan.Match
                    ? _r.WeightedRandom([WithdrawalReason.NoMatch, WithdrawalReason.Circumstances, WithdrawalReason.MembersMoved], [0.6f, 0.25f, 0.15f])
                    : _r.WeightedRandom([WithdrawalReason.NewcomerLeft, WithdrawalReason.GroupDynamics, WithdrawalReason.Circumstances, WithdrawalReason.Other], [0.4f, 0.25f, 0.25f, 0.1f]);
            group.WithdrawnReason = _r.ArrayElement(WithdrawalReasons);
            Event(cut, "Withdrawn", coordinator, reason: group.WithdrawnReason);
        }

        group.Events = events;
        Add(group, 1 + members.Count + members.Sum(m => m.Languages.Count) + events.Count);
        if (household is not null)
        {
            Add(household, 1 + household.People.Count);
        }

        if (withdrawnAt is not null && cut < _now.AddMonths(-_retention.GroupMonths))
        {
            EraseGroup(group, household, cut.AddMonths(_retention.GroupMonths).AddHours(_r.Int(1, 24)));
        }

        return people;
    }

    private GroupMember NewMember(Group group, int position, DateTimeOffset created, DateTimeOffset? confirmed, bool active, bool reachedYear)
    {
        var (first, last) = ResidentName();
        var email = NextEmail(first, last, _r.ArrayElement(["example.org", "example.net", "example.com"]));
        var city = _cities.First(c => c.Id == group.CityId);
        var member = new GroupMember
        {
            Id = NewId(),
            GroupId = group.Id,
            Position = position + 1,
            IsContactPerson = position == 0,
            Name = $"{first} {last}",
            Email = email,
            ActiveEmail = active ? email : null,
            Phone = $"+316{_r.Int(10_000_000, 99_999_999)}",
            Postcode = _r.Bool(0.85f) ? $"{city.Postcode}{_r.Int(0, 99):D2} {_r.String2(2, "ABCEGHJKLMNPRTVWXZ")}" : null,
            DateOfBirth = _today.AddYears(-_r.WeightedRandom([_r.Int(20, 34), _r.Int(35, 54), _r.Int(55, 78)], [0.3f, 0.4f, 0.3f])).AddDays(-_r.Int(0, 364)),
            PreferredLanguage = _r.Bool(0.93f) ? "nl" : "en",
            Occupation = _r.Bool(0.8f) ? _r.ArrayElement(Occupations) : null,
            NetworkSectors = string.Join(',', _r.ArrayElements(SignUpOptions.Sectors, _r.Int(1, 3))),
            Interests = _r.Bool(0.4f) ? string.Join(", ", _r.ArrayElements(ScaleSeedPools.Interests, _r.Int(1, 3))) : null,
            Availability = string.Join(',', _r.ArrayElements(SignUpOptions.Availability, _r.Int(1, 2))),
            Languages = [new MemberLanguage { Language = "nl", Level = _r.Bool(0.9f) ? "native" : "fluent" }],
        };
        member.Municipality = member.Postcode is null ? city.Name : null;
        if (_r.Bool(0.8f))
        {
            member.Languages.Add(new MemberLanguage { Language = "en", Level = _r.ArrayElement(SignUpOptions.LanguageLevels[1..]) });
        }

        if (_r.Bool(0.15f))
        {
            member.Languages.Add(new MemberLanguage { Language = _r.ArrayElement(Origins).Language is var l && l != "en" ? l : "fr", Level = _r.ArrayElement(SignUpOptions.LanguageLevels) });
        }

        if (position == 0 || confirmed is not null)
        {
            member.ConsentVersion = _signUp.PrivacyStatementVersion;
            member.ConsentAt = confirmed ?? created;
            member.ConsentTextId = _signUpConsent;
        }

        member.ConfirmedAt = confirmed;
        if (confirmed is null)
        {
            member.ConfirmTokenHash = Token();
            member.ConfirmTokenExpiresAt = created.AddDays(_signUp.ConfirmLinkDays);
        }

        // Members sign in to their group's page once there is something to do there.
        if (confirmed is not null && _r.Bool(reachedYear ? 0.55f : 0.2f))
        {
            var user = NewUser(member.Id.ToString("N"), member.Email, member.Name, member.PreferredLanguage, confirmed.Value.AddDays(_r.Int(1, 60)));
            member.UserId = user.Id;
            Add(user);
            Add(new IdentityUserRole<Guid> { UserId = user.Id, RoleId = _memberRole });
            _accounts++;
        }

        _members++;
        return member;
    }

    /// <summary>In a few groups one member leaves during the year: their data is erased at once (MemberLeaving).</summary>
    private void MaybeMemberLeft(Group group, DateOnly started, DateOnly until, Action<DateTimeOffset, string, Staff?, string?, string?, string?> addEvent)
    {
        if (until.DayNumber - started.DayNumber < 60 || !_r.Bool(0.04f))
        {
            return;
        }

        var m = group.Members[_r.Int(1, group.Members.Count - 1)];
        var left = LocalTimes.Instant(started.AddDays(_r.Int(30, until.DayNumber - started.DayNumber - 1)), new TimeOnly(20, 0));
        addEvent(left, "MemberLeft", null, null, null, m.Name);
        m.LeftAt = left;
        EraseMember(m, left);
        DropAccounts([m.UserId]);
        m.UserId = null;
    }

    // ---------------------------------------------------------------- households

    private int AddLoneHousehold(CityPlan city, int? size)
    {
        var route = city.Welcome && _r.Bool(0.4f) ? NewcomerRoute.Welcome : NewcomerRoute.Resettlement;
        var type = route == NewcomerRoute.Welcome ? GroupType.Welcome : GroupType.Sponsor;
        // Most lone households wait now (recently recorded); some left without a group over the years.
        var left = _r.Bool(0.3f);
        var created = left
            ? _now.AddDays(-Grown(60, _today.DayNumber - _start.DayNumber))
            : _now.AddDays(-(_r.Double() * _r.Double() * 360)).AddMinutes(-_r.Int(0, 600));
        var household = NewHousehold(city, type, created, left ? NewcomerStatus.Left : NewcomerStatus.Waiting, size);
        if (left)
        {
            household.LeftAt = created.AddDays(_r.Int(30, 300)) is var l && l < _now ? l : _now.AddDays(-1);
            if (household.LeftAt < _now.AddMonths(-_retention.LeftHouseholdMonths))
            {
                EraseHousehold(household, household.LeftAt.Value.AddMonths(_retention.LeftHouseholdMonths).AddHours(_r.Int(1, 24)));
            }
        }
        else if (route == NewcomerRoute.Resettlement)
        {
            household.ExpectedArrival = _today.AddDays(_r.Int(14, 200));
        }

        Add(household, 1 + household.People.Count);
        return household.People.Count;
    }

    private NewcomerHousehold NewHousehold(CityPlan city, GroupType type, DateTimeOffset created, NewcomerStatus status, int? size)
    {
        var route = type == GroupType.Sponsor ? NewcomerRoute.Resettlement : NewcomerRoute.Welcome;
        var origins = route == NewcomerRoute.Resettlement ? Origins.Where(o => o.ResettlementToo).ToArray() : Origins;
        // Bogus wants weights that add up to one.
        var total = origins.Sum(o => o.Weight);
        var origin = _r.WeightedRandom(origins, [.. origins.Select(o => (float)(o.Weight / total))]);
        size ??= route == NewcomerRoute.Resettlement
            ? _r.WeightedRandom([1, 2, 3, 4, 5, 6, 7], [0.14f, 0.14f, 0.2f, 0.2f, 0.16f, 0.1f, 0.06f])
            : _r.WeightedRandom([1, 2, 3, 4, 5], [0.4f, 0.22f, 0.16f, 0.13f, 0.09f]);
        var family = _r.ArrayElement(origin.Families);
        var household = new NewcomerHousehold
        {
            Id = NewId(),
            CityId = city.Id,
            Route = route,
            Label = "",
            ContactLanguage = origin.Language,
            Status = status,
            CreatedAt = created,
            CreatedBy = city.Coordinators[0].Name,
            DetailsLegalBasis = _r.Bool(0.8f) ? ProcessingBasis.PublicTask : ProcessingBasis.Consent,
            DetailsLegalBasisAt = created,
            Traits = string.Join(',', _r.ArrayElements(GroupOffer.PreferenceKeys, _r.Int(0, 2))),
            Wishes = string.Join(',', _r.ArrayElements(GroupOffer.PreferenceKeys, _r.Int(0, 2))),
        };
        if (route == NewcomerRoute.Resettlement)
        {
            household.CurrentLocation = status == NewcomerStatus.Waiting && origin.Locations.Length > 0 ? _r.ArrayElement(origin.Locations) : null;
            household.HousingAddress = status == NewcomerStatus.Matched ? $"{_f.Address.StreetName()} {_r.Int(1, 180)}, {city.Name}" : null;
        }
        else
        {
            household.LivingSince = Day(created.AddDays(-_r.Int(20, 500)));
        }

        // Restricted fields for the share of households that have them, each sealed as the site seals it.
        var health = _r.Bool(0.3f) ? _r.ArrayElement(["Diabetes type 2, medicatie via de huisarts.", "Slechthorend; gesprekken bij voorkeur rustig en face-to-face.", "Rolstoelgebruiker.", "Astma bij een van de kinderen.", "Traumaklachten, in behandeling."]) : null;
        var needs = _r.Bool(0.08f) ? _r.ArrayElement(GroupOffer.AccessibilityKeys) : null;
        var background = _r.Bool(0.45f) ? _r.ArrayElement(["Gevlucht voor de oorlog; jaren in een kamp geweest.", "Vervolgd om politieke activiteiten.", "Familie verspreid over meerdere landen.", "Via hervestiging (UNHCR) geselecteerd."]) : null;
        household.HealthAndAccessibility = _restricted.Seal(nameof(NewcomerHousehold.HealthAndAccessibility), health);
        household.AccessibilityNeeds = _restricted.Seal(nameof(NewcomerHousehold.AccessibilityNeeds), needs);
        household.AsylumBackground = _restricted.Seal(nameof(NewcomerHousehold.AsylumBackground), background);
        if (health is not null || needs is not null || background is not null)
        {
            household.RestrictedLegalBasis = _r.Bool(0.7f) ? LegalBasis.ExplicitConsent : LegalBasis.SubstantialPublicInterest;
            household.RestrictedConsentAt = household.RestrictedLegalBasis == LegalBasis.ExplicitConsent ? created : null;
        }

        var adults = size == 1 ? 1 : _r.Bool(origin.Language == "uk" ? 0.35f : 0.7f) ? 2 : 1;
        var firstIsWoman = origin.Language == "uk" || _r.Bool(0.55f);
        for (var i = 0; i < size; i++)
        {
            var adult = i < adults;
            var woman = i == 0 ? firstIsWoman : i == 1 && adult ? !firstIsWoman : _r.Bool();
            var person = new NewcomerPerson
            {
                HouseholdId = household.Id,
                FirstName = _r.ArrayElement(woman ? origin.Women : origin.Men),
                BirthYear = _today.Year - (adult ? _r.Int(21, 58) : _r.Int(0, 17)),
                Languages = adult
                    ? $"{origin.Language}:native" + (_r.Bool(0.5f) ? $",{_r.ArrayElement(origin.Also)}:{_r.ArrayElement(["basic", "conversational", "fluent"])}" : "")
                    : $"{origin.Language}:native" + (route == NewcomerRoute.Welcome ? ",nl:conversational" : ""),
            };
            if (adult)
            {
                person.Education = _r.Bool(0.6f) ? _r.ArrayElement(Education) : null;
                person.WorkExperience = _r.Bool(0.5f) ? _r.ArrayElement(WorkExperience) : null;
                person.Goals = _r.Bool(0.6f) ? _r.ArrayElement(Goals) : null;
                person.GoalSectors = string.Join(',', _r.ArrayElements(SignUpOptions.Sectors, _r.Int(0, 2)));
                person.Interests = _r.Bool(0.4f) ? _r.ArrayElement(NewcomerInterests) : null;
            }

            household.People.Add(person);
        }

        household.Label = size == 1 ? household.People[0].FirstName : $"Familie {family}";
        if (_r.Bool(route == NewcomerRoute.Welcome ? 0.7f : 0.45f))
        {
            household.ContactEmail = NextEmail(household.People[0].FirstName, family, "example.net");
            if (status != NewcomerStatus.Left && _r.Bool(0.5f))
            {
                var user = NewUser(household.Id.ToString("N"), household.ContactEmail, household.Label, LocalizationSetup.Normalize(origin.Language), created.AddDays(_r.Int(5, 60)));
                household.UserId = user.Id;
                Add(user);
                Add(new IdentityUserRole<Guid> { UserId = user.Id, RoleId = _newcomerRole });
                _accounts++;
            }
        }

        _newcomerPeople += household.People.Count;
        _households++;
        return household;
    }

    // ---------------------------------------------------------------- preparation: trainings and plan

    /// <summary>The group's members at the sessions of the modules they need, before the trainings were done; later sessions open.</summary>
    private void AddTrainings(CityPlan city, Group group, DateTimeOffset created, Timeline plan, DateTimeOffset cut, bool done)
    {
        if (!(created.AddDays(plan.Intake) <= cut))
        {
            return;
        }

        var present = group.Members.Where(m => m.ErasedAt is null).ToList();
        var modules = _modules.Where(m => m.GroupType is null || m.GroupType == group.Type).ToList();
        var last = modules.Where(m => m.Required).Max(m => m.SortOrder);
        // A group that stopped registered for nothing after; a running one for sessions up to six weeks ahead.
        var limit = cut < _now ? cut : _now.AddDays(45);
        foreach (var module in modules)
        {
            if (!module.Required && !_r.Bool(0.4f))
            {
                continue;
            }

            // Sessions in the weeks before the trainings were done, the last module at that date.
            var sessionDay = created.AddDays(plan.Intake + ((plan.Trainings - plan.Intake) * (0.3 + (0.7 * module.SortOrder / 5.0))));
            if (sessionDay > limit)
            {
                continue;
            }

            var who = module.MinimumMembers is { } min ? present.Take(Math.Min(present.Count, _r.Int(min, min + 2))).ToList() : present;
            var session = Session(city, module, Day(sessionDay));
            foreach (var m in who)
            {
                Add(new TrainingRegistration
                {
                    Id = NewId(),
                    SessionId = session.Id,
                    MemberId = m.Id,
                    Status = RegistrationStatus.Registered,
                    CreatedAt = session.StartsAt.AddDays(-_r.Int(7, 30)) is var at && at < _now ? at : _now,
                    Position = ++session.Count,
                    // The last required module's attendance is what completes the trainings.
                    Attended = session.StartsAt < _now && (done || module.SortOrder < last) ? module.Required || _r.Bool(0.9f) : null,
                });
            }
        }
    }

    /// <summary>The city's session of a module in the four weeks before <paramref name="day"/> with room left; another one when it is full.</summary>
    private SessionState Session(CityPlan city, TrainingModule module, DateOnly day)
    {
        var key = (city.Id, module.Key, day.DayNumber / 28);
        if (_sessions.TryGetValue(key, out var state) && state.Count < state.Capacity)
        {
            return state;
        }

        var on = DateOnly.FromDayNumber((key.Item3 * 28) + (state?.Number ?? 0));
        var startsAt = LocalTimes.Instant(on, new TimeOnly(19, 30));
        state = new SessionState(NewId(), startsAt, 24, (state?.Number ?? 0) + 1);
        _sessions[key] = state;
        Add(new TrainingSession
        {
            Id = state.Id,
            ModuleId = module.Id,
            CityId = city.Id,
            StartsAt = startsAt,
            EndsAt = startsAt.AddHours(2),
            Place = $"{_r.ArrayElement(Venues)}, {city.Name}",
            Capacity = state.Capacity,
            Language = "nl",
            Trainer = city.Coordinators[0].Name,
            CreatedAt = startsAt.AddDays(-_r.Int(30, 60)),
            CreatedBy = city.Coordinators[0].Name,
        });
        return state;
    }

    /// <summary>The standard plan (as <c>Plans.StartPlanAsync</c> makes it), a few tasks of the group's own, and a welcome group's goals.</summary>
    private List<PlanTask> AddPlan(Group group, DateTimeOffset at)
    {
        var tasks = Plans.StandardTemplate.Where(x => x.Type == group.Type).Select((x, i) => new PlanTask
        {
            Id = NewId(),
            GroupId = group.Id,
            Section = x.Section,
            Title = _taskTitles[(x.Type, x.Key)],
            OffsetDays = x.Offset,
            InvolvesNewcomer = x.Newcomer,
            Position = i,
            CreatedAt = at,
            UpdatedAt = at,
        }).ToList();
        var sections = tasks.Select(x => x.Section).Distinct().ToArray();
        for (var i = _r.Int(0, 3); i > 0; i--)
        {
            tasks.Add(new PlanTask
            {
                Id = NewId(),
                GroupId = group.Id,
                Section = _r.ArrayElement(sections),
                Title = _r.ArrayElement(ExtraTasks),
                OffsetDays = _r.Int(7, 200),
                InvolvesNewcomer = true,
                Position = tasks.Count,
                CreatedAt = at.AddDays(_r.Int(1, 20)),
                UpdatedAt = at.AddDays(_r.Int(1, 20)),
            });
        }

        var present = group.Members.Where(m => m.ErasedAt is null).ToArray();
        foreach (var task in tasks)
        {
            task.Owners = [.. _r.ArrayElements(present, _r.WeightedRandom([1, 2], [0.75f, 0.25f])).Select(m => new PlanTaskOwner { TaskId = task.Id, MemberId = m.Id })];
            Add(task, 1 + task.Owners.Count);
        }

        if (group.Type == GroupType.Welcome)
        {
            foreach (var section in _r.ArrayElements(new[] { PlanSection.GoalLanguage, PlanSection.GoalWork, PlanSection.GoalNetwork, PlanSection.GoalLeisure }, _r.Int(2, 4)))
            {
                Add(new PlanGoal { GroupId = group.Id, Section = section, Text = _r.ArrayElement(GoalTexts) });
            }
        }

        return tasks;
    }

    /// <summary>Tasks due before <paramref name="until"/> mostly done around their date; the rest open or under way.</summary>
    private void CompleteTasks(List<PlanTask> tasks, Group group, DateOnly started, DateOnly until)
    {
        foreach (var task in tasks)
        {
            var due = started.AddDays(task.OffsetDays ?? 0);
            if (due <= until && _r.Bool(0.9f))
            {
                task.Status = _r.Bool(0.06f) ? PlanTaskStatus.NotNeeded : PlanTaskStatus.Done;
                task.DoneAt = LocalTimes.Instant(due.AddDays(_r.Int(-5, 10)) is var d && d <= until ? d : until, new TimeOnly(_r.Int(9, 21), 0));
                task.DoneAt = task.DoneAt > _now ? _now : task.DoneAt;
                task.UpdatedAt = task.DoneAt.Value;
            }
            else if (due <= until.AddDays(30) && _r.Bool(0.3f))
            {
                task.Status = PlanTaskStatus.Doing;
            }
        }

        if (group.ErasedAt is not null)
        {
            foreach (var task in tasks)
            {
                task.Notes = null;
            }
        }
    }

    // ---------------------------------------------------------------- matching

    private void AddProposal(CityPlan city, Group group, NewcomerHousehold household, Staff builder, Staff coordinator, DateTimeOffset matchedAt)
    {
        // Runs are monthly per city, on the first; the match was decided in the month after its run.
        var month = new DateOnly(matchedAt.UtcDateTime.Year, matchedAt.UtcDateTime.Month, 1);
        if (new DateTimeOffset(month.ToDateTime(new TimeOnly(8, 0)), TimeSpan.Zero) > matchedAt)
        {
            month = month.AddMonths(-1);
        }

        var key = (city.Id, (month.Year * 12) + month.Month);
        if (!_runs.TryGetValue(key, out var runId))
        {
            runId = _runs[key] = NewId();
            var pairs = _r.Int(3, 60);
            Add(new MatchingRun
            {
                Id = runId,
                CityIds = city.Id.ToString(CultureInfo.InvariantCulture),
                At = new DateTimeOffset(month.ToDateTime(new TimeOnly(8, 0)), TimeSpan.Zero),
                ByUserId = coordinator.Id,
                ByName = coordinator.Name,
                Settings = "{}",
                Input = "{}",
                Unmatched = "[]",
                TotalScore = pairs * _r.Int(40, 80),
                Bound = pairs * 90,
                Optimal = true,
                FeasiblePairs = pairs * _r.Int(2, 6),
                ElapsedMilliseconds = _r.Int(20, 900),
            });
        }

        var points = new Dictionary<string, int>
        {
            ["Match"] = 20,
            ["SharedLanguages"] = _r.Int(0, 20),
            ["GoalSectors"] = _r.Int(0, 15),
            ["SharedInterests"] = _r.Int(0, 10),
            ["Children"] = _r.Int(0, 10),
            ["HouseholdWait"] = _r.Int(0, 15),
            ["GroupWait"] = _r.Int(0, 10),
            ["Wishes"] = _r.Int(0, 10),
        };
        Add(new MatchProposal
        {
            RunId = runId,
            GroupId = group.Id,
            HouseholdId = household.Id,
            BuilderId = builder.Id,
            Score = points.Values.Sum(),
            Breakdown = JsonSerializer.Serialize(points),
            Alternatives = "[]",
            Status = ProposalStatus.Accepted,
            DecidedAt = matchedAt,
            DecidedByUserId = coordinator.Id,
            DecidedBy = coordinator.Name,
        });
    }

    private Staff PickBuilder(CityPlan city, bool active)
    {
        var builder = active ? city.Builders.MinBy(b => b.Load + _r.Double())! : _r.ArrayElement(city.Builders.ToArray());
        if (active)
        {
            builder.Load++;
        }

        return builder;
    }

    // ---------------------------------------------------------------- the year together

    private void AddYear(CityPlan city, Group group, NewcomerHousehold household, Staff builder, Staff coordinator, DateOnly started, DateOnly until, Action<DateTimeOffset, string, Staff?, string?, string?, string?> addEvent)
    {
        var present = group.Members.Where(m => m.ErasedAt is null).ToArray();
        var days = until.DayNumber - started.DayNumber;

        // The diary: some groups write down a lot, some hardly anything.
        var rate = _r.WeightedRandom([0.0, 0.02, 0.05, 0.1], [0.15f, 0.3f, 0.35f, 0.2f]);
        for (var d = 0; d <= days; d++)
        {
            if (_r.Double() >= rate)
            {
                continue;
            }

            var on = started.AddDays(d);
            var by = _r.ArrayElement(present);
            var byNewcomer = household.UserId is not null && _r.Bool(0.08f);
            var entry = new DiaryEntry
            {
                Id = NewId(),
                GroupId = group.Id,
                On = on,
                Kind = _r.Enum<DiaryKind>(),
                Minutes = _r.Int(2, 16) * 15,
                Note = _r.Bool(0.7f) ? _r.ArrayElement(DiaryNotes) : null,
                NewcomerTookPart = byNewcomer || _r.Bool(0.85f),
                ByNewcomer = byNewcomer,
                ByUserId = byNewcomer ? household.UserId : by.UserId,
                ByName = byNewcomer ? household.Label : by.Name,
                CreatedAt = LocalTimes.Instant(on, new TimeOnly(_r.Int(12, 22), 0)) is var c && c < _now ? c : _now,
            };
            entry.Participants = [.. _r.ArrayElements(present, _r.Int(1, Math.Min(3, present.Length))).Select(m => new DiaryParticipant { EntryId = entry.Id, MemberId = m.Id })];
            Add(entry, 1 + entry.Participants.Count);
        }

        // Check-ins at the milestones, with the group and with the newcomer; a concern raises a signal.
        foreach (var milestone in Enum.GetValues<Milestone>())
        {
            var due = CheckInSchedule.DueOn(started, milestone);
            foreach (var with in Enum.GetValues<CheckInWith>())
            {
                var held = due.AddDays(_r.Int(-5, 10));
                if (held > until || held >= _today || !_r.Bool(0.92f))
                {
                    continue;
                }

                var createdAt = LocalTimes.Instant(held, new TimeOnly(_r.Int(10, 20), 0));
                var concern = _r.Bool(0.05f) ? _r.ArrayElement(Concerns) : null;
                Add(new CheckIn
                {
                    Id = NewId(),
                    GroupId = group.Id,
                    With = with,
                    Milestone = milestone,
                    HeldOn = held,
                    Rating = _r.WeightedRandom([2, 3, 4, 5], [0.05f, 0.2f, 0.45f, 0.3f]) - (concern is null ? 0 : 1),
                    Needs = _r.Bool(0.2f) ? _r.ArrayElement(CheckInNeeds) : null,
                    Concerns = concern,
                    ByUserId = builder.Id,
                    ByName = builder.Name,
                    CreatedAt = createdAt,
                });
                if (concern is not null)
                {
                    AddSignal(city, group.Id, null, SignalKind.CheckInConcern, concern, builder.Name, createdAt, coordinator);
                }
            }
        }

        if (_r.Bool(0.02f))
        {
            var at = LocalTimes.Instant(started.AddDays(_r.Int(0, days)), new TimeOnly(_r.Int(9, 22), 0));
            AddSignal(city, null, household.Id, SignalKind.NewcomerConcern, _r.ArrayElement(Concerns), household.Label, at < _now ? at : _now, coordinator);
        }

        foreach (var (kind, on) in new[] { (ReviewKind.Midpoint, started.AddMonths(6).AddDays(_r.Int(0, 30))), (ReviewKind.Final, group.YearEndedOn ?? DateOnly.MaxValue) })
        {
            if (on <= until && on < _today && _r.Bool(0.9f))
            {
                var createdAt = LocalTimes.Instant(on, new TimeOnly(16, 0));
                Add(new YearReview
                {
                    Id = NewId(),
                    GroupId = group.Id,
                    Kind = kind,
                    HeldOn = on,
                    Going = _r.ArrayElement(ReviewsGoing),
                    Continues = _r.ArrayElement(ReviewsContinues),
                    ByName = builder.Name,
                    CreatedAt = createdAt,
                });
                addEvent(createdAt, kind == ReviewKind.Midpoint ? "MidpointReview" : "FinalReview", builder, null, null, null);
            }
        }

        AddSurveys(group, household, started, until);
        AddRsvps(group, household, started, until);
    }

    private void AddSignal(CityPlan city, Guid? groupId, Guid? householdId, SignalKind kind, string text, string by, DateTimeOffset at, Staff coordinator)
    {
        var resolved = at < _now.AddDays(-30) || _r.Bool(0.3f) ? at.AddDays(_r.Int(1, 25)) : (DateTimeOffset?)null;
        Add(new Signal
        {
            Id = NewId(),
            CityId = city.Id,
            GroupId = groupId,
            HouseholdId = householdId,
            Kind = kind,
            Text = text,
            CreatedAt = at,
            CreatedBy = by,
            FollowUpBy = Day(at).AddDays(14),
            ResolvedAt = resolved < _now ? resolved : null,
            ResolvedBy = resolved < _now ? coordinator.Name : null,
            Resolution = resolved < _now ? _r.ArrayElement(Resolutions) : null,
        });
    }

    /// <summary>
    /// The questionnaires at the start, after six and after twelve months, to every member and to the
    /// household (with an address), as SurveyService sends them; about half answered.
    /// </summary>
    private void AddSurveys(Group group, NewcomerHousehold household, DateOnly started, DateOnly until)
    {
        foreach (var wave in Enum.GetValues<Wave>())
        {
            var due = SurveyService.DueOn(started, wave);
            // As the site's job: every due wave of a running or completed group, none after a group stopped.
            if (due >= _today || (group.Status == GroupStatus.Withdrawn && due > until))
            {
                continue;
            }

            var invited = LocalTimes.Instant(due, new TimeOnly(10, 0));
            foreach (var m in group.Members.Where(m => m.ConfirmedAt is not null && (m.LeftAt is null || m.LeftAt > invited)))
            {
                AddResponse(group, wave, SurveyAudience.Member, $"member:{m.Id:N}", m.Id, null, invited, 0.55f - ((int)wave * 0.07f));
            }

            if (household.ContactEmail is not null)
            {
                AddResponse(group, wave, SurveyAudience.Newcomer, $"household:{household.Id:N}", null, household.Id, invited, 0.45f - ((int)wave * 0.05f));
            }
        }
    }

    private void AddResponse(Group group, Wave wave, SurveyAudience audience, string respondent, Guid? memberId, Guid? householdId, DateTimeOffset invited, float answered)
    {
        if (!_questionnaires.TryGetValue(audience, out var questionnaire))
        {
            return;
        }

        var response = new SurveyResponse
        {
            Id = NewId(),
            QuestionnaireId = questionnaire.Id,
            Wave = wave,
            GroupId = group.Id,
            Respondent = respondent,
            MemberId = memberId,
            HouseholdId = householdId,
            InvitedAt = invited,
        };
        var started = _r.Bool(answered + 0.05f);
        var at = invited.AddDays(_r.Double() * _r.Double() * 40);
        if (started && at < _now)
        {
            response.ResearchConsent = _r.Bool(0.85f);
            response.ConsentAt = at;
            var complete = _r.Bool(0.92f);
            var items = questionnaire.Items.OrderBy(i => i.Order).ToList();
            foreach (var item in complete ? items : items.Take(_r.Int(1, items.Count - 1)))
            {
                var value = Answer(item, wave);
                response.Answers.Add(new SurveyAnswer { ResponseId = response.Id, ItemKey = item.Key, Value = value, Skipped = value is null, SavedAt = at });
                if (item.Kind == ItemKind.Text && value is not null)
                {
                    response.QuoteConsent = _r.Bool(0.6f);
                }
            }

            response.CompletedAt = complete ? at : null;
        }

        Add(response, 1 + response.Answers.Count);
    }

    /// <summary>An answer that improves a little from wave to wave (the programme works, somewhat); null when skipped.</summary>
    private string? Answer(QuestionnaireItem item, Wave wave)
    {
        var lift = (int)wave;
        return item.Kind switch
        {
            ItemKind.Likert => Math.Clamp(_r.Int(1, 4) + (_r.Bool(0.4f) ? lift : 0), 1, 5).ToString(CultureInfo.InvariantCulture),
            ItemKind.Number => Math.Clamp(item.Key switch
            {
                "network" => _r.Int(1, 8) + (lift * _r.Int(2, 12)),
                "hours" => _r.Int(5, 40) + (lift * _r.Int(10, 40)),
                _ => _r.Int(Math.Max(item.Min ?? 0, 5), item.Max ?? 10),
            }, item.Min ?? 0, item.Max ?? int.MaxValue).ToString(CultureInfo.InvariantCulture),
            ItemKind.OneChoice => _r.WeightedRandom(item.Options.Split(','), [.. item.Options.Split(',').Select((_, i) => i == 0 ? 0.6f : 0.4f / (item.Options.Split(',').Length - 1))]),
            ItemKind.ManyChoices => string.Join(',', _r.ArrayElements(item.Options.Split(','), _r.Int(1, 2))),
            _ => _r.Bool(0.3f) ? _r.ArrayElement(ReviewsGoing) : null,
        };
    }

    /// <summary>People with an account answer for a few of their city's events during their year.</summary>
    private void AddRsvps(Group group, NewcomerHousehold household, DateOnly started, DateOnly until)
    {
        var from = LocalTimes.Instant(started, TimeOnly.MinValue);
        var to = LocalTimes.Instant(until.AddDays(1), TimeOnly.MinValue);
        var events = _events[group.CityId].Where(e => e.StartsAt >= from && e.StartsAt < to).ToArray();
        if (events.Length == 0)
        {
            return;
        }

        var who = group.Members.Where(m => m.UserId is not null && m.ErasedAt is null).Select(m => (m.UserId!.Value, 1))
            .Concat(household.UserId is { } h ? [(h, household.People.Count)] : []);
        foreach (var (user, max) in who)
        {
            foreach (var e in _r.ArrayElements(events, Math.Min(events.Length, _r.Int(0, 3))))
            {
                var createdAt = e.StartsAt.AddDays(-_r.Int(1, 20));
                Add(new EventRsvp
                {
                    Id = NewId(),
                    EventId = e.Id,
                    UserId = user,
                    People = _r.Int(1, Math.Min(max, EventModel.MaxPeople)),
                    CreatedAt = createdAt < _now ? createdAt : _now,
                    CancelledAt = _r.Bool(0.05f) && createdAt < _now ? createdAt.AddDays(1) : null,
                });
            }
        }
    }

    // ---------------------------------------------------------------- erasure (as the retention job leaves it)

    private void EraseGroup(Group group, NewcomerHousehold? household, DateTimeOffset at)
    {
        foreach (var m in group.Members.Where(m => m.ErasedAt is null))
        {
            EraseMember(m, at);
        }

        if (household is not null && household.ErasedAt is null)
        {
            EraseHousehold(household, at);
        }

        group.Name = null;
        group.Motivation = null;
        group.WithdrawnReason = null;
        group.StatusTokenHash = null;
        group.ErasedAt = at;
        foreach (var e in group.Events)
        {
            e.Detail = null;
            e.Reason = null;
        }

        foreach (var entity in _pending)
        {
            switch (entity)
            {
                case DiaryEntry d when d.GroupId == group.Id:
                    d.Note = null;
                    d.ByName = Erased;
                    d.ByUserId = null;
                    break;
                case CheckIn c when c.GroupId == group.Id:
                    c.Needs = null;
                    c.Concerns = null;
                    c.Notes = null;
                    break;
                case YearReview r when r.GroupId == group.Id:
                    r.Going = Erased;
                    r.Continues = Erased;
                    break;
                case Signal s when s.GroupId == group.Id || (household is not null && s.HouseholdId == household.Id):
                    s.Text = Erased;
                    s.Resolution = null;
                    break;
                default:
                    break;
            }
        }

        // Their accounts go with them (PortalAccounts.DeleteOrphansAsync): never written.
        DropAccounts([.. group.Members.Select(m => m.UserId), household?.UserId]);
        foreach (var m in group.Members)
        {
            m.UserId = null;
        }

        if (household is not null)
        {
            household.UserId = null;
        }
    }

    /// <summary>Takes pending portal accounts out again, with their roles and event answers.</summary>
    private void DropAccounts(IReadOnlyCollection<Guid?> ids)
    {
        var drop = ids.OfType<Guid>().ToHashSet();
        if (drop.Count == 0)
        {
            return;
        }

        _accounts -= _pending.RemoveAll(e => e is AppUser u && drop.Contains(u.Id));
        _pending.RemoveAll(e => (e is IdentityUserRole<Guid> r && drop.Contains(r.UserId)) || (e is EventRsvp v && drop.Contains(v.UserId)));
    }

    private static void EraseMember(GroupMember m, DateTimeOffset at)
    {
        m.Name = Erased;
        m.Email = $"gewist-{m.Id:N}@samenhier.invalid";
        m.ActiveEmail = null;
        m.Phone = "";
        m.Postcode = null;
        m.Municipality = null;
        m.DateOfBirth = new DateOnly(m.DateOfBirth.Year, 1, 1);
        m.Occupation = null;
        m.Interests = null;
        m.Availability = "";
        m.VogCheckedOn = null;
        m.VogCheckedBy = null;
        m.VogOutcome = VogOutcome.NotChecked;
        m.ErasedAt = at;
    }

    private static void EraseHousehold(NewcomerHousehold h, DateTimeOffset at)
    {
        foreach (var p in h.People)
        {
            p.FirstName = Erased;
            p.Education = null;
            p.WorkExperience = null;
            p.Goals = null;
            p.Interests = null;
        }

        h.Label = Erased;
        h.ContactEmail = null;
        h.CurrentLocation = null;
        h.HousingAddress = null;
        h.HealthAndAccessibility = null;
        h.AccessibilityNeeds = null;
        h.AsylumBackground = null;
        h.RestrictedLegalBasis = LegalBasis.None;
        h.RestrictedConsentAt = null;
        h.ProfileConsentAt = null;
        h.ProfileConsentBy = null;
        h.ProfileConsentTextId = null;
        if (h.Status == NewcomerStatus.Waiting)
        {
            h.Status = NewcomerStatus.Left;
        }

        h.ErasedAt = at;
    }

    // ---------------------------------------------------------------- helpers

    private CityPlan Pick() => _r.WeightedRandom(_cities.ToArray(), _cityWeights);

    /// <summary>Days ago between <paramref name="min"/> and <paramref name="max"/>, recent ones more likely: the programme grew.</summary>
    private double Grown(double min, double max) => max <= min ? min : min + ((max - min) * (1 - Math.Sqrt(_r.Double())));

    /// <summary>A day offset strictly inside a step (an hour from either end), so the step a group is in never rounds into the next.</summary>
    private double Between(double from, double to, double? fraction = null) =>
        from + (1 / 24.0) + ((fraction ?? _r.Double()) * Math.Max(0, to - from - (2 / 24.0)));

    private static DateOnly Day(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToNetherlands().DateTime);

    /// <summary>
    /// Random but rising ids (the first four bytes count up): each insert lands at the end of the key's
    /// index instead of anywhere in it, which makes writing two million rows several times faster.
    /// </summary>
    private Guid NewId()
    {
        var bytes = _r.Bytes(16);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(bytes, ++_idCounter);
        return new Guid(bytes);
    }

    private string Token() => Convert.ToHexStringLower(_r.Bytes(32));

    private (string First, string Last) ResidentName()
    {
        if (_r.Bool(0.12f))
        {
            return (_r.ArrayElement(ResidentFirstNamesOther), _r.ArrayElement(ResidentLastNamesOther));
        }

        var last = _f.Name.LastName();
        return (_f.Name.FirstName(), _r.Bool(0.3f) ? $"{_r.ArrayElement(Tussenvoegsels)} {last}" : last);
    }

    /// <summary>A unique, lower-case address at a reserved domain.</summary>
    private string NextEmail(string first, string last, string domain)
    {
        static string Part(string s) => new([.. s.Normalize(System.Text.NormalizationForm.FormD).ToLowerInvariant().Where(char.IsAsciiLetterOrDigit)]);
        return $"{Part(first)}.{Part(last)}{++_emailNumber}@{domain}";
    }

    private void Add(object entity, int rows = 1)
    {
        _pending.Add(entity);
        _pendingRows += rows;
    }

    /// <summary>Writes what is pending through a fresh context without change detection: a few thousand rows per statement batch.</summary>
    private async Task FlushAsync()
    {
        if (_pending.Count == 0)
        {
            return;
        }

        _writing.Start();
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        if (db.Database.IsSqlite())
        {
            // A page cache of 256 MB for this (pooled) connection: the indexes of a large database stay in memory while it grows.
            await db.Database.OpenConnectionAsync(_ct);
            await db.Database.ExecuteSqlRawAsync("PRAGMA cache_size = -262144;", _ct);
        }

        db.AddRange(_pending);
        _rows += db.ChangeTracker.Entries().Count();
        await db.SaveChangesAsync(_ct);
        _pending.Clear();
        _pendingRows = 0;
        _writing.Stop();
    }

    private sealed record CityPlan(int Id, string Name, double Weight, int Postcode, bool Welcome)
    {
        public List<Staff> Coordinators { get; } = [];

        public List<Staff> Builders { get; } = [];
    }

    private sealed record Staff(Guid Id, string Name, string[] Languages)
    {
        /// <summary>Running groups at this builder's side.</summary>
        public int Load { get; set; }
    }

    private sealed record SessionState(Guid Id, DateTimeOffset StartsAt, int Capacity, int Number)
    {
        public int Count { get; set; }
    }

    /// <summary>A group's journey in days from its sign-up: each step's day, drawn once, whatever the group reaches of it.</summary>
    private sealed record Timeline(double Complete, double Intake, double Vog, double Trainings, double PlanStart, double PlanSubmitted, double PlanApproved, double Ready, double Match, double Start, double End)
    {
        public static Timeline Sample(Randomizer r, GroupType type)
        {
            var complete = r.Double(1, 10);
            var intake = complete + r.Double(7, 35);
            var vog = intake + r.Double(14, 50);
            var trainings = intake + r.Double(25, 90);
            var planStart = intake + r.Double(5, 30);
            var submitted = planStart + r.Double(20, 70);
            var approved = submitted + r.Double(2, 14);
            var ready = Math.Max(vog + 15, Math.Max(trainings, approved)) + r.Double(0, 7);
            // Resettled households come in batches: sponsor groups wait longer, then prepare the arrival.
            var match = ready + (type == GroupType.Sponsor ? 14 + (r.Double() * r.Double() * 240) : 7 + (r.Double() * 100));
            var start = match + (type == GroupType.Sponsor ? r.Double(21, 100) : r.Double(7, 28));
            return new Timeline(complete, intake, vog, trainings, planStart, submitted, approved, ready, match, start, start + 365);
        }
    }
}
