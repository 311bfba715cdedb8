namespace MlOps.Transport.PubSub.Transport;

/// <summary>The lease on one pulled message, renewed by <see cref="PubSubLeaseRenewer"/> until it is finished.</summary>
public sealed class PubSubLease(string subscription, string ackId, DateTimeOffset receivedAt, TimeSpan ackDeadline)
{
    readonly Lock _lock = new();
    DateTimeOffset _expiresAt = receivedAt + ackDeadline;
    DateTimeOffset _renewAt = receivedAt + ackDeadline * 0.7;
    int _finished;

    public string Subscription { get; } = subscription;

    public string AckId { get; } = ackId;

    public DateTimeOffset ReceivedAt { get; } = receivedAt;

    public bool IsFinished => Volatile.Read(ref _finished) == 1;

    public bool IsDue(DateTimeOffset now)
    {
        lock (_lock)
            return !IsFinished && now >= _renewAt;
    }

    public bool IsExpired(DateTimeOffset now)
    {
        lock (_lock)
            return !IsFinished && now >= _expiresAt;
    }

    /// <summary>True for the one caller that ends the lease (ack or nack); false when it already ended.</summary>
    public bool TryFinish() => Interlocked.Exchange(ref _finished, 1) == 0;

    public void Extended(DateTimeOffset now, TimeSpan extension)
    {
        lock (_lock)
        {
            _expiresAt = now + extension;
            _renewAt = now + extension * 0.7;
        }
    }

    public void StopRenewing()
    {
        lock (_lock)
            _renewAt = DateTimeOffset.MaxValue;
    }
}
