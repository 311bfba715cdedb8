namespace MlOps.Transport.PubSub.Transport;

/// <summary>The lease on one pulled message, renewed by <see cref="PubSubLeaseRenewer"/> until it is finished.</summary>
public sealed class PubSubLease(string subscription, string ackId, DateTimeOffset receivedAt, TimeSpan ackDeadline)
{
    int _finished;

    public string Subscription { get; } = subscription;

    public string AckId { get; } = ackId;

    public DateTimeOffset ReceivedAt { get; } = receivedAt;

    public DateTimeOffset ExpiresAt { get; private set; } = receivedAt + ackDeadline;

    public DateTimeOffset RenewAt { get; private set; } = receivedAt + ackDeadline * 0.7;

    public bool IsFinished => Volatile.Read(ref _finished) == 1;

    public bool IsExpired(DateTimeOffset now) => !IsFinished && now >= ExpiresAt;

    /// <summary>True for the one caller that ends the lease (ack or nack); false when it already ended.</summary>
    public bool TryFinish() => Interlocked.Exchange(ref _finished, 1) == 0;

    public void Extended(DateTimeOffset now, TimeSpan extension)
    {
        ExpiresAt = now + extension;
        RenewAt = now + extension * 0.7;
    }

    public void StopRenewing() => RenewAt = DateTimeOffset.MaxValue;
}
