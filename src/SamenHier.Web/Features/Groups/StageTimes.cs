using Microsoft.EntityFrameworkCore;
using SamenHier.Web.Data;

namespace SamenHier.Web.Features.Groups;

/// <summary>
/// How long the steps of the journey take, learnt from each city's own history: the expected wait a
/// group sees for its next step, the usual time a coordinator's dashboard compares against, and the
/// waiting times per city.
/// </summary>
public sealed class StageTimes(AppDbContext db, TimeProvider time, StageTimes.ProgrammeHistory programme)
{
    /// <summary>Fewer past groups than this and the city's history says too little; the whole programme's is used.</summary>
    public const int MinimumSample = 3;

    /// <summary>Only groups that finished a step within this many days count: the programme changes.</summary>
    public const int HistoryDays = 730;

    /// <summary>A group is past the usual time when it has waited longer than this share of past groups.</summary>
    public const double UsualPercentile = 0.8;

    public enum Step
    {
        /// <summary>From sign-up until every member has confirmed.</summary>
        Confirmation,

        /// <summary>From complete to ready to match: intake, screening, trainings, plan.</summary>
        Preparation,

        /// <summary>From ready to match until matched with a newcomer.</summary>
        Matching,
    }

    /// <summary>When no history exists at all, a group is past the usual time after these many days.</summary>
    public static int FallbackUsualDays(Step step) => step switch
    {
        Step.Confirmation => 14,
        Step.Preparation => 60,
        _ => 180,
    };

    /// <summary>
    /// The expected wait for a group's next step. <see cref="RemainingDays"/> is the median of the
    /// past groups that had already waited as long as this one, minus the time waited so far.
    /// </summary>
    public sealed record Estimate(Step Step, int WaitedDays, int? MedianDays, int? RemainingDays, bool LongerThanAll, int Sample, bool WholeProgramme);

    /// <summary>Past durations (in days) of each step, per city, over the history window.</summary>
    public sealed class History(IReadOnlyList<(int CityId, Step Step, double Days)> durations)
    {
        // Each sample is sorted once: a dashboard asks for the same city and step for every group it
        // lists, and the programme's history serves every request for a few minutes (ProgrammeHistory).
        private readonly System.Collections.Concurrent.ConcurrentDictionary<(int? CityId, Step Step), List<double>> _sorted = [];

        public IReadOnlyList<double> For(int? cityId, Step step, out bool wholeProgramme)
        {
            var city = Sorted(cityId, step);
            wholeProgramme = cityId is null;
            if (city.Count >= MinimumSample || cityId is null)
            {
                return city;
            }

            wholeProgramme = true;
            return Sorted(null, step);
        }

        private List<double> Sorted(int? cityId, Step step) =>
            _sorted.GetOrAdd((cityId, step), key => [.. durations.Where(d => d.Step == key.Step && (key.CityId is null || d.CityId == key.CityId)).Select(d => d.Days).Order()]);

        /// <summary>The median of a step in a city (or over all cities), or null without enough history.</summary>
        public int? MedianDays(int? cityId, Step step)
        {
            var sample = For(cityId, step, out _);
            return sample.Count >= MinimumSample ? (int)Math.Round(Percentile(sample, 0.5)) : null;
        }

        /// <summary>The time after which a group in this step is past the usual time.</summary>
        public double UsualDays(int cityId, Step step)
        {
            var sample = For(cityId, step, out _);
            return sample.Count >= MinimumSample ? Math.Max(1, Percentile(sample, UsualPercentile)) : FallbackUsualDays(step);
        }
    }

    /// <summary>The step a group is in now, and since when; null when it waits for no step.</summary>
    public static (Step Step, DateTimeOffset Since)? Current(Group group) => group.Status switch
    {
        GroupStatus.AwaitingConfirmation => (Step.Confirmation, group.CreatedAt),
        GroupStatus.Complete when group.CompletedAt is { } at => (Step.Preparation, at),
        GroupStatus.ReadyToMatch when group.ReadyAt is { } at => (Step.Matching, at),
        _ => null,
    };

    /// <summary>
    /// The whole programme's history, read from the database at most once every <see cref="MaxAge"/>
    /// per instance: the usual waiting times move over months, and reading two years of groups on
    /// every dashboard view was most of its cost. One reader at a time; the others wait for it.
    /// </summary>
    public sealed class ProgrammeHistory : IDisposable
    {
        public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(5);

        private readonly SemaphoreSlim _reading = new(1, 1);

        // One reference, replaced whole: a reader never sees one read's time with another's history.
        private volatile Snapshot? _current;

        public async Task<History> GetAsync(DateTimeOffset now, Func<Task<History>> read, CancellationToken ct)
        {
            if (Fresh(now) is { } history)
            {
                return history;
            }

            await _reading.WaitAsync(ct);
            try
            {
                if (Fresh(now) is { } raced)
                {
                    return raced;
                }

                var loaded = await read();
                _current = new Snapshot(now, loaded);
                return loaded;
            }
            finally
            {
                _reading.Release();
            }
        }

        private History? Fresh(DateTimeOffset now) =>
            _current is { } current && now >= current.At && now - current.At < MaxAge ? current.History : null;

        private sealed record Snapshot(DateTimeOffset At, History History);

        public void Dispose() => _reading.Dispose();
    }

    /// <summary>The history of the given cities, or of the whole programme when null (see <see cref="ProgrammeHistory"/>).</summary>
    public Task<History> LoadAsync(IReadOnlyCollection<int>? cityIds, CancellationToken ct) =>
        cityIds is null ? programme.GetAsync(time.GetUtcNow(), () => ReadAsync(null, ct), ct) : ReadAsync(cityIds, ct);

    private async Task<History> ReadAsync(IReadOnlyCollection<int>? cityIds, CancellationToken ct)
    {
        var since = time.GetUtcNow().AddDays(-HistoryDays);
        var groups = db.Groups.AsNoTracking().Where(g => g.CompletedAt != null && g.CompletedAt > since);
        if (cityIds is not null)
        {
            groups = groups.Where(g => cityIds.Contains(g.CityId));
        }

        var rows = await groups
            .Select(g => new
            {
                g.CityId,
                g.CreatedAt,
                g.CompletedAt,
                g.ReadyAt,
                g.MatchedAt,
            })
            .ToListAsync(ct);
        var durations = new List<(int, Step, double)>();
        foreach (var g in rows)
        {
            durations.Add((g.CityId, Step.Confirmation, (g.CompletedAt!.Value - g.CreatedAt).TotalDays));
            if (g.ReadyAt is { } ready)
            {
                durations.Add((g.CityId, Step.Preparation, (ready - g.CompletedAt.Value).TotalDays));
                if (g.MatchedAt is { } matched)
                {
                    durations.Add((g.CityId, Step.Matching, (matched - ready).TotalDays));
                }
            }
        }

        return new History(durations);
    }

    /// <summary>The expected wait for the group's next step, from its city's history; null when it waits for no step.</summary>
    public async Task<Estimate?> NextStepAsync(Group group, CancellationToken ct)
    {
        if (Current(group) is not { } current)
        {
            return null;
        }

        // The city's own history first; only a young city with too little of it loads the whole programme's.
        var history = await LoadAsync([group.CityId], ct);
        if (history.For(group.CityId, current.Step, out _).Count < MinimumSample)
        {
            history = await LoadAsync(null, ct);
        }

        return EstimateFor(history, group.CityId, current.Step, current.Since, time.GetUtcNow());
    }

    public static Estimate EstimateFor(History history, int cityId, Step step, DateTimeOffset since, DateTimeOffset now)
    {
        var waited = Math.Max(0, (now - since).TotalDays);
        var sample = history.For(cityId, step, out var wholeProgramme);
        if (sample.Count < MinimumSample)
        {
            return new Estimate(step, (int)waited, null, null, false, sample.Count, wholeProgramme);
        }

        var median = (int)Math.Round(Percentile(sample, 0.5));
        var longer = sample.Where(d => d > waited).ToList();
        if (longer.Count == 0)
        {
            return new Estimate(step, (int)waited, median, null, true, sample.Count, wholeProgramme);
        }

        var remaining = (int)Math.Ceiling(Percentile(longer, 0.5) - waited);
        return new Estimate(step, (int)waited, median, Math.Max(1, remaining), false, sample.Count, wholeProgramme);
    }

    /// <summary>Linear interpolation between closest ranks, over sorted values.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double p)
    {
        if (sorted.Count == 1)
        {
            return sorted[0];
        }

        var rank = p * (sorted.Count - 1);
        var low = (int)Math.Floor(rank);
        var high = Math.Min(low + 1, sorted.Count - 1);
        return sorted[low] + ((sorted[high] - sorted[low]) * (rank - low));
    }
}
