using Google.Cloud.PubSub.V1;

namespace MlOps.Transport.PubSub.Transport;

/// <summary>A pulled message and the subscription it came from (a receive context payload).</summary>
public sealed record PubSubReceivedMessage(string Subscription, ReceivedMessage Received)
{
    public PubsubMessage Message => Received.Message;
}
