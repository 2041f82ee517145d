using SamenHier.Web.Features.Groups;

namespace SamenHier.Web.Tests.Backoffice;

/// <summary>The expected wait, computed from past groups: the arithmetic on its own.</summary>
public sealed class StageTimesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 9, 0, 0, TimeSpan.Zero);

    private static StageTimes.History History(params (int City, double Days)[] durations) =>
        new([.. durations.Select(d => (d.City, StageTimes.Step.Preparation, d.Days))]);

    [Fact]
    public void Percentile_InterpolatesBetweenRanks()
    {
        Assert.Equal(20, StageTimes.Percentile([10, 20, 30], 0.5));
        Assert.Equal(26, StageTimes.Percentile([10, 20, 30], 0.8), 6);
        Assert.Equal(15, StageTimes.Percentile([10, 20], 0.5));
        Assert.Equal(7, StageTimes.Percentile([7], 0.9));
    }

    [Fact]
    public void Estimate_IsTheMedianOfPastGroupsThatWaitedAsLong_MinusTheWaitSoFar()
    {
        var history = History((1, 10), (1, 20), (1, 30), (1, 60));

        var fresh = StageTimes.EstimateFor(history, 1, StageTimes.Step.Preparation, Now, Now);
        var waiting = StageTimes.EstimateFor(history, 1, StageTimes.Step.Preparation, Now.AddDays(-25), Now);

        Assert.Equal((25, 25, false, 4, false), (fresh.MedianDays, fresh.RemainingDays, fresh.LongerThanAll, fresh.Sample, fresh.WholeProgramme));
        // Of the groups that waited 25 days, the median took 45: 20 more days.
        Assert.Equal((25, 20, 25), (waiting.MedianDays, waiting.RemainingDays, waiting.WaitedDays));
    }

    [Fact]
    public void Estimate_LongerThanEveryPastGroup_SaysSo()
    {
        var estimate = StageTimes.EstimateFor(History((1, 10), (1, 20), (1, 30)), 1, StageTimes.Step.Preparation, Now.AddDays(-40), Now);

        Assert.True(estimate.LongerThanAll);
        Assert.Null(estimate.RemainingDays);
        Assert.Equal(40, estimate.WaitedDays);
    }

    [Fact]
    public void AYoungCity_BorrowsTheProgrammesHistory_AndNoHistoryGivesNoFigure()
    {
        var history = History((1, 10), (1, 20), (1, 30), (2, 90));

        var young = StageTimes.EstimateFor(history, 2, StageTimes.Step.Preparation, Now, Now);
        var none = StageTimes.EstimateFor(History(), 1, StageTimes.Step.Preparation, Now, Now);

        Assert.True(young.WholeProgramme);
        Assert.Equal((4, 25), (young.Sample, young.MedianDays));
        Assert.Null(none.MedianDays);
        Assert.Equal(StageTimes.FallbackUsualDays(StageTimes.Step.Preparation), History().UsualDays(1, StageTimes.Step.Preparation));
        Assert.Equal(26, History((1, 10), (1, 20), (1, 30)).UsualDays(1, StageTimes.Step.Preparation), 6);
    }
}
