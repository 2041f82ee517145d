using SamenHier.Web.Data;
using SamenHier.Web.Infrastructure;

namespace SamenHier.Web.Features.Impact;

/// <summary>
/// The programme's impact figures, worked out at most every <see cref="MaxAge"/>: for a national
/// programme that takes seconds (docs/benchmarks.md), and figures per year do not need to be newer.
/// One computation at a time; everyone waiting gets its result.
/// </summary>
public sealed class ImpactFiguresSource(TimeProvider time) : IDisposable
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private Snapshot? _latest;

    /// <summary>Figures and when they were worked out: replaced whole, so a reader never sees half of one.</summary>
    private sealed record Snapshot(DateTimeOffset At, ImpactFigures Figures);

    public void Dispose() => _gate.Dispose();

    public async Task<ImpactFigures> GetAsync(AppDbContext db, CancellationToken ct)
    {
        if (Volatile.Read(ref _latest) is { } fresh && time.GetUtcNow() - fresh.At < MaxAge)
        {
            return fresh.Figures;
        }

        await _gate.WaitAsync(ct);
        try
        {
            if (Volatile.Read(ref _latest) is { } again && time.GetUtcNow() - again.At < MaxAge)
            {
                return again.Figures;
            }

            var at = time.GetUtcNow();
            var figures = ImpactFigures.Compute(await ImpactFacts.LoadAsync(db, time, ct), time.TodayInNetherlands());
            Volatile.Write(ref _latest, new Snapshot(at, figures));
            return figures;
        }
        finally
        {
            _gate.Release();
        }
    }
}
