namespace MlOps.PubSub;

public sealed class PubSubTopicNotFoundException(string topic, Exception inner)
    : InvalidOperationException($"Pub/Sub topic '{topic}' does not exist; create it before publishing.", inner)
{
    public string Topic { get; } = topic;
}
