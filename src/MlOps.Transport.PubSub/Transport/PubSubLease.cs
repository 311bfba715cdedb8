namespace MlOps.Transport.PubSub.Transport;

/// <summary>The lease on one pulled message, renewed by <see cref="PubSubLeaseRenewer"/> until it is finished.
/// <paramref name="ackDeadline"/> is the subscription's real ack deadline, as Pub/Sub reported it.</summary>
public sealed class PubSubLease(string subscription, string ackId, DateTimeOffset receivedAt, TimeSpan ackDeadline)
{
    private readonly Lock _lock = new();
    private DateTimeOffset _expiresAt = receivedAt + ackDeadline;
    private DateTimeOffset _renewAt = receivedAt + RenewAfter(ackDeadline);
    private int _finished;

    public string Subscription { get; } = subscription;

    public string AckId { get; } = ackId;

    public DateTimeOffset ReceivedAt { get; } = receivedAt;

    public TimeSpan AckDeadline { get; } = ackDeadline;

    public bool IsFinished => Volatile.Read(ref _finished) == 1;

    public bool IsDue(DateTimeOffset now)
    {
        lock (_lock)
        {
            return !IsFinished && now >= _renewAt;
        }
    }

    public bool IsExpired(DateTimeOffset now)
    {
        lock (_lock)
        {
            return !IsFinished && now >= _expiresAt;
        }
    }

    /// <summary>True for the one caller that ends the lease (ack or nack); false when it already ended.</summary>
    public bool TryFinish() => Interlocked.Exchange(ref _finished, 1) == 0;

    public void Extended(DateTimeOffset now, TimeSpan extension)
    {
        lock (_lock)
        {
            _expiresAt = now + extension;
            _renewAt = now + RenewAfter(extension);
        }
    }

    /// <summary>~70% of the deadline, but leaving at least a second (or half the deadline) for the renewal call itself.</summary>
    public static TimeSpan RenewAfter(TimeSpan deadline)
    {
        var seventyPercent = deadline * 0.7;
        var withMargin = deadline - TimeSpan.FromSeconds(1);
        var half = deadline * 0.5;
        return withMargin < seventyPercent ? (withMargin > half ? withMargin : half) : seventyPercent;
    }

    public void StopRenewing()
    {
        lock (_lock)
        {
            _renewAt = DateTimeOffset.MaxValue;
        }
    }
}
