namespace MlOps.PubSub;

/// <summary>The Pub/Sub RPCs this client calls; each has its own retry rule (<see cref="PubSubRetrySettings.Retries"/>).</summary>
public enum PubSubMethod
{
    CreateTopic,
    GetTopic,
    DeleteTopic,
    Publish,
    CreateSubscription,
    GetSubscription,
    DeleteSubscription,
    Pull,
    StreamingPull,
    Acknowledge,
    ModifyAckDeadline,
}
