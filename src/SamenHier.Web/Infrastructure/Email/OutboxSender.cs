using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using SamenHier.Web.Data;

namespace SamenHier.Web.Infrastructure.Email;

/// <summary>
/// Sends due outbox messages. Each message is claimed with a conditional update just before it is
/// sent, so two senders (two instances on one database) never send the same message; a sent message
/// is marked at once, and its body, which holds personal links, is cleared. A failure schedules a
/// retry with exponential back-off; a permanent refusal (5xx for the recipient) is not retried.
/// </summary>
public sealed class OutboxSender(
    AppDbContext db,
    IMailTransport transport,
    TimeProvider time,
    IOptions<EmailOptions> options,
    ILogger<OutboxSender> logger)
{
    /// <summary>Delivered messages keep their envelope this long (see <c>SignUpService.ExpireAsync</c>).</summary>
    public const int SentRetentionDays = 30;

    /// <summary>Longer than one SMTP send can take (the client's timeout), so a claim never lapses mid-send.</summary>
    private TimeSpan ClaimDuration => TimeSpan.FromSeconds(Math.Max(60, options.Value.Smtp.TimeoutSeconds * 4));

    /// <summary>Sends what is due now. Returns the number of messages delivered.</summary>
    public async Task<int> ProcessDueAsync(CancellationToken ct, int batchSize = 50)
    {
        var now = time.GetUtcNow();
        var due = await db.OutboxMessages
            .Where(m => m.SentAt == null && m.GaveUpAt == null && m.NextAttemptAt <= now && (m.LockedUntil == null || m.LockedUntil < now))
            .OrderBy(m => m.NextAttemptAt)
            .Select(m => m.Id)
            .Take(batchSize)
            .ToListAsync(ct);

        IMailSession? session = null;
        var sent = 0;
        try
        {
            foreach (var id in due)
            {
                var message = await ClaimAsync(id, ct);
                if (message is null)
                {
                    continue; // Another sender has it.
                }

                try
                {
                    session ??= await transport.OpenAsync(ct);
                    await session.SendAsync(Compose(message), ct);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    await MarkFailedAsync(message, ex, ct);
                    if (session is null)
                    {
                        // The server cannot be reached: every due message waits for its own next attempt.
                        foreach (var rest in due.SkipWhile(d => d != id).Skip(1))
                        {
                            if (await ClaimAsync(rest, ct) is { } waiting)
                            {
                                await MarkFailedAsync(waiting, ex, ct);
                            }
                        }

                        logger.LogWarning("Mail transport unavailable ({ErrorType}); messages will be retried.", ex.GetType().Name);
                        break;
                    }

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
                        .SetProperty(m => m.TextBody, "")
                        .SetProperty(m => m.LastError, (string?)null), CancellationToken.None);
                sent++;
                logger.LogInformation("Outbox message {MessageId} sent.", message.Id);
            }
        }
        finally
        {
            if (session is not null)
            {
                await session.DisposeAsync();
            }
        }

        return sent;
    }

    private async Task<OutboxMessage?> ClaimAsync(Guid id, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var lockUntil = now + ClaimDuration;
        var rows = await db.OutboxMessages
            .Where(m => m.Id == id && m.SentAt == null && m.GaveUpAt == null && (m.LockedUntil == null || m.LockedUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LockedUntil, lockUntil), ct);
        return rows == 1 ? await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id, ct) : null;
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

        // The server said no for good to this recipient or sender: retrying would only repeat that.
        var permanent = ex is SmtpCommandException { ErrorCode: SmtpErrorCode.RecipientNotAccepted or SmtpErrorCode.SenderNotAccepted } command
            && (int)command.StatusCode >= 500;
        var now = time.GetUtcNow();
        await db.OutboxMessages
            .Where(m => m.Id == message.Id)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Attempts, attempts)
                .SetProperty(m => m.NextAttemptAt, now + delay)
                .SetProperty(m => m.GaveUpAt, permanent ? now : null)
                .SetProperty(m => m.LockedUntil, (DateTimeOffset?)null)
                .SetProperty(m => m.LastError, error), CancellationToken.None);
        if (permanent)
        {
            logger.LogWarning("Outbox message {MessageId} refused permanently by the mail server; not retried.", message.Id);
        }
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
