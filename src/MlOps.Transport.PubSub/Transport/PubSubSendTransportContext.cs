using Google.Cloud.PubSub.V1;
using Google.Protobuf;
using MassTransit;
using MassTransit.Context;
using MassTransit.Middleware;
using MassTransit.Transports;
using MlOps.PubSub;
using MlOps.Transport.PubSub.Configuration;
using MlOps.Transport.PubSub.Topology;

namespace MlOps.Transport.PubSub.Transport;

/// <summary>Sends to one topic: the body goes in <c>data</c>, headers in attributes. Sending to a
/// receive endpoint's address also makes sure its subscription exists, so nothing is dropped
/// before the endpoint first starts.</summary>
public sealed class PubSubSendTransportContext(PubSubHostConfiguration host, ReceiveEndpointContext receiveEndpointContext, PubSubEndpointAddress address)
    : BaseSendTransportContext(host, receiveEndpointContext.Serialization), SendTransportContext<PipeContext>
{
    public override string EntityName => address.Name;

    public override string ActivitySystem => "gcp_pubsub";

    public override async Task<SendContext<T>> CreateSendContext<T>(T message, IPipe<SendContext<T>> pipe, CancellationToken cancellationToken)
    {
        var context = new MessageSendContext<T>(message, cancellationToken);
        await pipe.Send(context).ConfigureAwait(false);
        return context;
    }

    public Task<SendContext<T>> CreateSendContext<T>(PipeContext context, T message, IPipe<SendContext<T>> pipe, CancellationToken cancellationToken)
        where T : class =>
        CreateSendContext(message, pipe, cancellationToken);

    public async Task Send<T>(PipeContext transportContext, SendContext<T> sendContext) where T : class
    {
        if (sendContext.Delay is { } delay && delay > TimeSpan.Zero)
        {
            throw new NotSupportedException(
                $"Google Pub/Sub has no delayed delivery: a message to '{address.Name}' asked for a delay of {delay}. " +
                "Scheduled sends and delayed or scheduled redelivery (UseDelayedRedelivery, UseScheduledRedelivery, Redeliver) cannot work on this transport; use UseMessageRetry.");
        }

        sendContext.CancellationToken.ThrowIfCancellationRequested();

        var connection = host.Connection;
        if (address.TopicOnly)
        {
            await connection.Entities.EnsureTopicAsync(address.Name).ConfigureAwait(false);
        }
        else
        {
            await connection.Entities.EnsureQueueAsync(address.Name, PubSubSubscriptions.ToAckDeadlineSeconds(host.Settings.AckDeadline)).ConfigureAwait(false);
        }

        var context = sendContext as MessageSendContext<T> ?? throw new ArgumentException("The send context was not created by this transport.", nameof(sendContext));
        var message = new PubsubMessage { Data = ByteString.CopyFrom(context.Body.GetBytes()) };
        PubSubAttributes.AddEnvelope(message.Attributes, sendContext);
        PubSubAttributes.AddHeaders(message.Attributes, sendContext.Headers.GetAll());
        await connection.Client.Publisher.PublishOneAsync(address.Name, message).ConfigureAwait(false);
    }

    public Task Send(IPipe<PipeContext> pipe, CancellationToken cancellationToken = default) =>
        pipe.Send(new TransportPipeContext(cancellationToken));

    public void Probe(ProbeContext context)
    {
        context.Add("type", "GooglePubSub");
        context.Add("topic", address.Name);
    }

    private sealed class TransportPipeContext(CancellationToken cancellationToken) : BasePipeContext(cancellationToken);
}
