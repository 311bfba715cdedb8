using System.Collections.Concurrent;
using MassTransit;
using MlOps.PubSub;

namespace MlOps.Transport.PubSub.Transport;

/// <summary>Keeps the messages a receiver holds leased: at ~70% of its subscription's ack deadline
/// (the real one, read from Pub/Sub) each lease is extended by one deadline (one batched
/// ModifyAckDeadline per subscription), until the message is finished or the maximum lease is
/// reached; then Pub/Sub redelivers it.</summary>
public sealed class PubSubLeaseRenewer : IAsyncDisposable
{
    private readonly ConcurrentDictionary<PubSubLease, byte> _leases = new(ReferenceEqualityComparer.Instance);
    private readonly PubSubSubscriber _subscriber;
    private readonly TimeSpan _maxLease;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    /// <summary>Checks for due leases ten times per <paramref name="shortestAckDeadline"/>, the shortest ack deadline of the subscriptions it renews leases on.</summary>
    public PubSubLeaseRenewer(PubSubSubscriber subscriber, TimeSpan shortestAckDeadline, TimeSpan maxLease, TimeProvider time)
    {
        _subscriber = subscriber;
        _maxLease = maxLease;
        _time = time;
        var tick = TimeSpan.FromTicks(Math.Clamp(shortestAckDeadline.Ticks / 10, TimeSpan.FromMilliseconds(50).Ticks, TimeSpan.FromSeconds(1).Ticks));
        _loop = Task.Run(() => RunAsync(tick));
    }

    /// <summary>Renews the message's lease from now on, by <paramref name="ackDeadline"/>: its subscription's ack deadline as Pub/Sub has it.</summary>
    public PubSubLease Track(string subscription, string ackId, TimeSpan ackDeadline)
    {
        var lease = new PubSubLease(subscription, ackId, _time.GetUtcNow(), ackDeadline);
        _leases[lease] = 0;
        return lease;
    }

    public void Forget(PubSubLease lease) => _leases.TryRemove(lease, out _);

    private async Task RunAsync(TimeSpan tick)
    {
        using var timer = new PeriodicTimer(tick, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                await RenewDueAsync().ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
    }

    private async Task RenewDueAsync()
    {
        var now = _time.GetUtcNow();
        var due = _leases.Keys.Where(l => l.IsDue(now)).ToList();
        foreach (var group in due.GroupBy(l => (l.Subscription, Seconds: ExtensionSeconds(l, now))))
        {
            if (group.Key.Seconds <= 0)
            {
                foreach (var lease in group)
                {
                    lease.StopRenewing();
                }

                LogContext.Warning?.Log("Pub/Sub: {Count} message(s) on {Subscription} reached the maximum lease of {MaxLease}; they will be redelivered",
                    group.Count(), group.Key.Subscription, _maxLease);
                continue;
            }
            try
            {
                await _subscriber.ModifyAckDeadlineAsync(group.Key.Subscription, group.Select(l => l.AckId), group.Key.Seconds, _stop.Token).ConfigureAwait(false);
                foreach (var lease in group)
                {
                    lease.Extended(now, TimeSpan.FromSeconds(group.Key.Seconds));
                }
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogContext.Warning?.Log(e, "Pub/Sub: renewing {Count} lease(s) on {Subscription} failed; retrying", group.Count(), group.Key.Subscription);
            }
        }
    }

    private int ExtensionSeconds(PubSubLease lease, DateTimeOffset now)
    {
        var remaining = _maxLease - (now - lease.ReceivedAt);
        var extension = remaining < lease.AckDeadline ? remaining : lease.AckDeadline;
        return extension <= TimeSpan.Zero ? 0 : Math.Min(PubSubSubscriptions.MaxAckDeadlineSeconds, (int)Math.Ceiling(extension.TotalSeconds));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }
}
