using System.Globalization;

namespace SamenHier.Bench;

/// <summary>Samples the server's resident memory (VmRSS) every 200 ms; the peak in MB.</summary>
internal sealed class PeakMemory : IDisposable
{
    private readonly Timer? _timer;
    private long _peakKb;

    public PeakMemory(int pid)
    {
        if (pid > 0)
        {
            _timer = new Timer(_ => Sample(pid), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(200));
        }
    }

    public long PeakMb => Interlocked.Read(ref _peakKb) / 1024;

    private void Sample(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            if (line is not null && long.TryParse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture, out var kb) && kb > Interlocked.Read(ref _peakKb))
            {
                Interlocked.Exchange(ref _peakKb, kb);
            }
        }
        catch (IOException)
        {
            // The process has ended.
        }
    }

    public void Dispose() => _timer?.Dispose();
}
