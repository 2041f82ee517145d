using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace SamenHier.Web.Tests.Infrastructure;

/// <summary>Collects every log line the app writes (down to Debug), to check what reaches the logs.</summary>
public sealed class LogSink : ILoggerProvider
{
    public ConcurrentQueue<string> Lines { get; } = new();

    /// <summary>
    /// The latest errors any app in this test process logged (with their exceptions), so a failure
    /// far from the server (a 500 page) can say what happened there.
    /// </summary>
    public static ConcurrentQueue<string> RecentErrors { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, Lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var structured = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}"))
                : "";
            var line = $"{logLevel} {category}: {formatter(state, exception)} {structured} {exception}";
            lines.Enqueue(line);
            if (logLevel >= LogLevel.Error)
            {
                RecentErrors.Enqueue(line);
                while (RecentErrors.Count > 5 && RecentErrors.TryDequeue(out _))
                {
                }
            }
        }
    }
}
