using MassTransit;
using MassTransit.Transports;

namespace MlOps.Transport.PubSub.Transport;

public sealed class PubSubReceiveContext(PubSubReceivedMessage message, ReceiveEndpointContext context, PubSubReceiveLockContext lockContext)
    : BaseReceiveContext(message.Received.DeliveryAttempt > 1, context, message, lockContext)
{
    public PubSubReceivedMessage Message { get; } = message;

    public override MessageBody Body { get; } = new BytesMessageBody(message.Message.Data.ToByteArray());

    protected override IHeaderProvider HeaderProvider => new PubSubHeaderProvider(Message.Message);
}
