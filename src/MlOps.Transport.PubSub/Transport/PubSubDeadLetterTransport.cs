using MassTransit;
using MassTransit.Transports;

namespace MlOps.Transport.PubSub.Transport;

/// <summary>Moves messages no consumer took (skipped) to the endpoint's <c>_skipped</c> topic.</summary>
public sealed class PubSubDeadLetterTransport(PubSubConnection connection, string destination, int ackDeadlineSeconds)
    : PubSubMoveTransport(connection, destination, ackDeadlineSeconds), IDeadLetterTransport
{
    public Task Send(ReceiveContext context, string? reason) =>
        Move(context, headers => headers.Set(MessageHeaders.Reason, reason ?? "Unspecified"));
}
