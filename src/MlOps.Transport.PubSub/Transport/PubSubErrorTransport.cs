using MassTransit;
using MassTransit.Transports;

namespace MlOps.Transport.PubSub.Transport;

/// <summary>Moves faulted messages to the endpoint's <c>_error</c> topic with the MT-Fault-* headers.</summary>
public sealed class PubSubErrorTransport(PubSubConnection connection, string destination, int ackDeadlineSeconds)
    : PubSubMoveTransport(connection, destination, ackDeadlineSeconds), IErrorTransport
{
    public Task Send(ExceptionReceiveContext context) =>
        Move(context, headers => headers.CopyFrom(context.ExceptionHeaders));
}
