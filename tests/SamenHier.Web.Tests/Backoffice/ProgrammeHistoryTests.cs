using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SamenHier.Web.Features.Groups;
using SamenHier.Web.Tests.Infrastructure;

namespace SamenHier.Web.Tests.Backoffice;

/// <summary>
/// The whole programme's stage-time history (the dashboard's usual waiting times) is read at most
/// every five minutes per server; a city's own history is always read fresh.
/// </summary>
public sealed class ProgrammeHistoryTests
{
    private static async Task<(int Programme, int City)> SamplesAsync(AppFactory app)
    {
        var denHaag = await app.WithDbAsync(db => db.Cities.Where(c => c.Slug == "den-haag").Select(c => c.Id).SingleAsync());
        var counts = (0, 0);
        await app.WithScopeAsync(async services =>
        {
            var stageTimes = services.GetRequiredService<StageTimes>();
            var programme = await stageTimes.LoadAsync(null, CancellationToken.None);
            var city = await stageTimes.LoadAsync([denHaag], CancellationToken.None);
            counts = (programme.For(null, StageTimes.Step.Confirmation, out _).Count, city.For(null, StageTimes.Step.Confirmation, out _).Count);
        });
        return counts;
    }

    [Fact]
    public async Task TheProgrammesHistory_IsReadAgainAfterFiveMinutes_ACitysAtOnce()
    {
        await using var app = new AppFactory();
        Assert.Equal((0, 0), await SamplesAsync(app));

        await StaffJourney.CompleteGroupAsync(app, "een");
        app.Time!.Advance(TimeSpan.FromMinutes(4));
        var (programme, city) = await SamplesAsync(app);
        Assert.Equal(0, programme);
        Assert.Equal(1, city);

        app.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal((1, 1), await SamplesAsync(app));
    }
}
