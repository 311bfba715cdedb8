using MassTransit;
using MassTransit.Transports;

namespace MlOps.Transport.PubSub.Transport;

public sealed class PubSubReceiveTransport(PubSubReceiveEndpointContext context) : IReceiveTransport
{
    public ReceiveTransportHandle Start()
    {
        var send = context.SendTopology;
        var deadline = context.Settings.AckDeadlineSeconds;
        var name = context.Settings.EndpointName;
        IErrorTransport error = new PubSubErrorTransport(context.Connection, send.ErrorQueueNameFormatter.FormatErrorQueueName(name), deadline);
        IDeadLetterTransport skipped = new PubSubDeadLetterTransport(context.Connection, send.DeadLetterQueueNameFormatter.FormatDeadLetterQueueName(name), deadline);
        context.AddOrUpdatePayload(() => error, _ => error);
        context.AddOrUpdatePayload(() => skipped, _ => skipped);
        return new PubSubMessageReceiver(context);
    }

    public void Probe(ProbeContext probe)
    {
        var scope = probe.CreateScope("receiveTransport");
        scope.Add("type", "GooglePubSub");
        scope.Set(new { context.InputAddress, context.Settings.SubscriptionName, context.PrefetchCount, context.ConcurrentMessageLimit });
    }

    public ConnectHandle ConnectReceiveObserver(IReceiveObserver observer) => context.ConnectReceiveObserver(observer);

    public ConnectHandle ConnectReceiveTransportObserver(IReceiveTransportObserver observer) => context.ConnectReceiveTransportObserver(observer);

    public ConnectHandle ConnectPublishObserver(IPublishObserver observer) => context.ConnectPublishObserver(observer);

    public ConnectHandle ConnectSendObserver(ISendObserver observer) => context.ConnectSendObserver(observer);
}
