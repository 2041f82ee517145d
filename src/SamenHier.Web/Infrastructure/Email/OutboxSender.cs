using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using SamenHier.Web.Data;

namespace SamenHier.Web.Infrastructure.Email;

/// <summary>
/// Sends due outbox messages. Each message is first claimed with a conditional update, so two
/// senders (two instances on one database) never send the same message; a sent message is marked
/// at once and never picked up again. A failure schedules a retry with exponential back-off.
/// </summary>
public sealed class OutboxSender(
    AppDbContext db,
    IMailTransport transport,
    TimeProvider time,
    IOptions<EmailOptions> options,
    ILogger<OutboxSender> logger)
{
    private static readonly TimeSpan ClaimDuration = TimeSpan.FromMinutes(5);

    /// <summary>Sends what is due now. Returns the number of messages delivered.</summary>
    public async Task<int> ProcessDueAsync(CancellationToken ct, int batchSize = 50)
    {
        var now = time.GetUtcNow();
        var due = await db.OutboxMessages
            .Where(m => m.SentAt == null && m.NextAttemptAt <= now && (m.LockedUntil == null || m.LockedUntil < now))
            .OrderBy(m => m.NextAttemptAt)
            .Select(m => m.Id)
            .Take(batchSize)
            .ToListAsync(ct);
        if (due.Count == 0)
        {
            return 0;
        }

        var claimed = new List<OutboxMessage>();
        var lockUntil = now + ClaimDuration;
        foreach (var id in due)
        {
            var rows = await db.OutboxMessages
                .Where(m => m.Id == id && m.SentAt == null && (m.LockedUntil == null || m.LockedUntil < now))
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.LockedUntil, lockUntil), ct);
            if (rows == 1)
            {
                claimed.Add(await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id, ct));
            }
        }

        if (claimed.Count == 0)
        {
            return 0;
        }

        IMailSession session;
        try
        {
            session = await transport.OpenAsync(ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            foreach (var message in claimed)
            {
                await MarkFailedAsync(message, ex, ct);
            }

            logger.LogWarning("Mail transport unavailable ({ErrorType}); {Count} messages will be retried.", ex.GetType().Name, claimed.Count);
            return 0;
        }

        var sent = 0;
        await using (session)
        {
            foreach (var message in claimed)
            {
                try
                {
                    await session.SendAsync(Compose(message), ct);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    await MarkFailedAsync(message, ex, ct);
                    logger.LogWarning("Outbox message {MessageId} failed ({ErrorType}), attempt {Attempt}.", message.Id, ex.GetType().Name, message.Attempts + 1);
                    continue;
                }

                // Not cancellable: once the server accepted the message, recording it must not be skipped.
                await db.OutboxMessages
                    .Where(m => m.Id == message.Id)
                    .ExecuteUpdateAsync(s => s
                        .SetProperty(m => m.SentAt, time.GetUtcNow())
                        .SetProperty(m => m.Attempts, m => m.Attempts + 1)
                        .SetProperty(m => m.LockedUntil, (DateTimeOffset?)null)
                        .SetProperty(m => m.LastError, (string?)null), CancellationToken.None);
                sent++;
                logger.LogInformation("Outbox message {MessageId} sent.", message.Id);
            }
        }

        return sent;
    }

    private async Task MarkFailedAsync(OutboxMessage message, Exception ex, CancellationToken ct)
    {
        var attempts = message.Attempts + 1;
        var settings = options.Value;
        var delay = TimeSpan.FromSeconds(Math.Min(
            settings.RetryBaseSeconds * Math.Pow(2, Math.Min(attempts - 1, 20)),
            settings.MaxRetryDelaySeconds));
        var error = $"{ex.GetType().Name}: {ex.Message}";
        if (error.Length > 1000)
        {
            error = error[..1000];
        }

        await db.OutboxMessages
            .Where(m => m.Id == message.Id)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Attempts, attempts)
                .SetProperty(m => m.NextAttemptAt, time.GetUtcNow() + delay)
                .SetProperty(m => m.LockedUntil, (DateTimeOffset?)null)
                .SetProperty(m => m.LastError, error), ct);
    }

    private MimeMessage Compose(OutboxMessage message)
    {
        var settings = options.Value;
        var mime = new MimeMessage
        {
            Subject = message.Subject,
            // Stable per outbox row: a receiving system can tell a retried delivery from a new message.
            MessageId = $"{message.Id:N}@samenhier",
            Date = message.CreatedAt,
            Body = new TextPart("plain") { Text = message.TextBody },
        };
        mime.From.Add(new MailboxAddress(settings.FromName, settings.FromAddress));
        mime.To.Add(new MailboxAddress(message.ToName, message.ToAddress));
        mime.Headers.Add("Content-Language", message.Language);
        mime.Headers.Add("Auto-Submitted", "auto-generated");
        return mime;
    }
}

/// <summary>Wakes the sender as soon as a change has put messages in the outbox.</summary>
public sealed class OutboxSignal : IDisposable
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Notify()
    {
        if (_signal.CurrentCount == 0)
        {
            try
            {
                _signal.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already signalled.
            }
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => _signal.WaitAsync(timeout, ct);

    public void Dispose() => _signal.Dispose();
}

public sealed class OutboxBackgroundService(
    IServiceScopeFactory scopes,
    OutboxSignal signal,
    IOptions<EmailOptions> options,
    ILogger<OutboxBackgroundService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.SenderEnabled)
        {
            logger.LogInformation("The e-mail sender is off in this instance (Email:SenderEnabled).");
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var sent = 0;
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                sent = await scope.ServiceProvider.GetRequiredService<OutboxSender>().ProcessDueAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Outbox sender failed; it will try again.");
            }

            if (sent > 0)
            {
                continue; // There may be more due.
            }

            try
            {
                await signal.WaitAsync(TimeSpan.FromSeconds(options.Value.PollIntervalSeconds), stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
