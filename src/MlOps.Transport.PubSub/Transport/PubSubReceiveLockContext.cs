using MassTransit;
using MassTransit.Transports;
using MlOps.PubSub;

namespace MlOps.Transport.PubSub.Transport;

/// <summary>Ack on success; nack (ModifyAckDeadline 0, so Pub/Sub redelivers at once) on a fault
/// that did not move the message to the error topic.</summary>
public sealed class PubSubReceiveLockContext(Uri inputAddress, PubSubSubscriber subscriber, PubSubLeaseRenewer renewer, PubSubLease lease, TimeProvider time)
    : ReceiveLockContext
{
    public async Task Complete()
    {
        if (!lease.TryFinish())
        {
            return;
        }

        renewer.Forget(lease);
        try
        {
            await subscriber.AcknowledgeOneAsync(lease.Subscription, lease.AckId).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            LogContext.Warning?.Log(e, "Pub/Sub ack failed on {Subscription}; the message will be delivered again", lease.Subscription);
        }
    }

    public async Task Faulted(Exception exception)
    {
        if (!lease.TryFinish())
        {
            return;
        }

        renewer.Forget(lease);
        await Nack(subscriber, lease).ConfigureAwait(false);
    }

    public Task ValidateLockStatus() => lease.IsExpired(time.GetUtcNow())
        ? throw new TransportException(inputAddress, $"The Pub/Sub lease on message {lease.AckId} expired; Pub/Sub may already have delivered it again")
        : Task.CompletedTask;

    public static async Task Nack(PubSubSubscriber subscriber, PubSubLease lease)
    {
        try
        {
            await subscriber.ModifyAckDeadlineAsync(lease.Subscription, [lease.AckId], 0).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            LogContext.Warning?.Log(e, "Pub/Sub nack failed on {Subscription}; the message returns when its lease expires", lease.Subscription);
        }
    }
}
