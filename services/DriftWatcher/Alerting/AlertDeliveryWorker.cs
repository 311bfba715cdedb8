using Microsoft.Extensions.Options;
using MlOps.DriftWatcher.Telemetry;

namespace MlOps.DriftWatcher.Alerting;

/// <summary>
/// Delivers what the outbox holds, pending deliveries found again at start included. Each due delivery is attempted,
/// then its state written: delivered, due again after a backoff that doubles per attempt (at least the receiver's
/// Retry-After), or dead-lettered when refused or out of attempts. Attempt first, record after: a crash in between
/// repeats the attempt (receivers de-duplicate on the delivery id), it never loses one.
/// </summary>
internal sealed partial class AlertDeliveryWorker(
    AlertOutbox outbox,
    AlertChannels channels,
    IOptions<DriftWatcherOptions> options,
    DriftWatcherMetrics metrics,
    TimeProvider time,
    ILogger<AlertDeliveryWorker> logger) : BackgroundService
{
    private const int Parallelism = 8;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value.Alerts;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var changed = outbox.Changed;
                var due = (await outbox.PendingAsync(stoppingToken)).Where(p => p.Delivery.NextAttemptAt <= time.GetUtcNow()).ToList();
                var failed = 0;
                await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = stoppingToken }, async (pending, ct) =>
                {
                    if (!await AttemptAsync(pending, settings, ct))
                    {
                        Interlocked.Increment(ref failed);
                    }
                });

                var next = (await outbox.PendingAsync(stoppingToken)).Select(p => (DateTimeOffset?)p.Delivery.NextAttemptAt).Min();
                var wait = next is { } at ? Max(at - time.GetUtcNow(), TimeSpan.Zero) : Timeout.InfiniteTimeSpan;
                if (failed > 0)
                {
                    // A state that could not be written leaves its delivery due: pause rather than spin.
                    wait = TimeSpan.FromMilliseconds(settings.InitialBackoffMilliseconds);
                }

                await WaitAsync(changed, wait, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>The wait after <paramref name="attempts"/> failed attempts: doubled each time, at least Retry-After, at most the maximum.</summary>
    public static TimeSpan Backoff(int attempts, TimeSpan? retryAfter, AlertOptions settings)
    {
        var doubled = settings.InitialBackoffMilliseconds * Math.Pow(2, Math.Min(attempts - 1, 30));
        var wait = Math.Max(doubled, retryAfter?.TotalMilliseconds ?? 0);
        return TimeSpan.FromMilliseconds(Math.Min(wait, settings.MaxBackoffMilliseconds));
    }

    private async Task<bool> AttemptAsync(PendingDelivery pending, AlertOptions settings, CancellationToken cancellationToken)
    {
        var (alert, delivery) = pending;
        try
        {
            var channel = channels.Find(delivery.Channel);
            var started = time.GetUtcNow();
            var outcome = channel is null
                ? DeliveryOutcome.Refused($"the channel '{delivery.Channel}' is no longer configured")
                : await channel.DeliverAsync(alert, cancellationToken);
            var now = time.GetUtcNow();
            var attempted = delivery with
            {
                Attempts = delivery.Attempts + (channel is null ? 0 : 1),
                FirstAttemptAt = delivery.FirstAttemptAt ?? started,
                LastAttemptAt = now,
                LastError = outcome.Error,
                LastStatusCode = outcome.StatusCode,
            };
            switch (outcome.Result)
            {
                case DeliveryResult.Delivered:
                    await outbox.SaveAsync(attempted with { State = DeliveryState.Delivered, DeliveredAt = now });
                    metrics.AlertDelivered(delivery.Channel);
                    LogDelivered(logger, alert.Id, delivery.Channel, attempted.Attempts);
                    break;
                case DeliveryResult.Retry when attempted.Attempts < settings.MaxAttempts:
                    var wait = Backoff(attempted.Attempts, outcome.RetryAfter, settings);
                    await outbox.SaveAsync(attempted with { NextAttemptAt = now + wait });
                    metrics.AlertDeliveryRetried(delivery.Channel);
                    LogRetrying(logger, alert.Id, delivery.Channel, attempted.Attempts, settings.MaxAttempts, outcome.Error, wait.TotalMilliseconds);
                    break;
                default:
                    var reason = outcome.Result == DeliveryResult.Retry ? $"{outcome.Error} (gave up after {attempted.Attempts} attempts)" : outcome.Error ?? "refused";
                    var letter = new DeadLetter(alert.Id, delivery.Channel, reason, outcome.StatusCode, attempted.Attempts, attempted.FirstAttemptAt, attempted.LastAttemptAt, now, alert);
                    await outbox.DeadLetterAsync(attempted with { State = DeliveryState.DeadLettered }, letter);
                    metrics.AlertDeadLettered(delivery.Channel);
                    LogDeadLettered(logger, alert.Id, delivery.Channel, attempted.Attempts, reason);
                    break;
            }

            return true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: the attempt was not recorded, so it is made again after the restart.
            return true;
        }
        catch (Exception e)
        {
            LogFailed(logger, e, alert.Id, delivery.Channel);
            return false;
        }
    }

    private async Task WaitAsync(Task changed, TimeSpan wait, CancellationToken stoppingToken)
    {
        if (wait == Timeout.InfiniteTimeSpan)
        {
            await changed.WaitAsync(stoppingToken);
        }
        else if (wait > TimeSpan.Zero)
        {
            try
            {
                await changed.WaitAsync(wait, time, stoppingToken);
            }
            catch (TimeoutException)
            {
            }
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    [LoggerMessage(Level = LogLevel.Information, Message = "Alert {AlertId} delivered on {Channel} at attempt {Attempt}")]
    private static partial void LogDelivered(ILogger logger, string alertId, string channel, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert {AlertId} not delivered on {Channel} (attempt {Attempt} of {MaxAttempts}): {Error}; next attempt in {WaitMilliseconds} ms")]
    private static partial void LogRetrying(ILogger logger, string alertId, string channel, int attempt, int maxAttempts, string? error, double waitMilliseconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Alert {AlertId} dead-lettered on {Channel} after {Attempts} attempts: {Reason}")]
    private static partial void LogDeadLettered(ILogger logger, string alertId, string channel, int attempts, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Alert {AlertId} on {Channel}: the delivery's state could not be written; it is attempted again")]
    private static partial void LogFailed(ILogger logger, Exception exception, string alertId, string channel);
}
