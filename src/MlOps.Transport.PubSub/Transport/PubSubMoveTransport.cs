using Google.Cloud.PubSub.V1;
using Google.Protobuf;
using MassTransit;
using MassTransit.Serialization;

namespace MlOps.Transport.PubSub.Transport;

/// <summary>Republishes a received message, body and headers, to another topic that has a
/// same-named subscription (the endpoint's <c>_error</c> or <c>_skipped</c>). Nobody pulls that
/// subscription, so it is made never to expire: an expired one would take its messages with it.</summary>
public abstract class PubSubMoveTransport(PubSubConnection connection, string destination, int ackDeadlineSeconds)
{
    public string Destination { get; } = destination;

    protected async Task Move(ReceiveContext context, Action<SendHeaders> addHeaders)
    {
        var headers = new DictionarySendHeaders();
        headers.CopyFrom(context.TransportHeaders);
        headers.SetHostHeaders();
        addHeaders(headers);

        var message = new PubsubMessage { Data = ByteString.CopyFrom(context.GetBody()) };
        PubSubAttributes.AddHeaders(message.Attributes, headers.GetAll());
        await connection.Entities.EnsureQueueAsync(Destination, ackDeadlineSeconds, neverExpire: true).ConfigureAwait(false);
        await connection.Client.Publisher.PublishOneAsync(Destination, message).ConfigureAwait(false);
    }
}
