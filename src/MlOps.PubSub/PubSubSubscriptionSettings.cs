namespace MlOps.PubSub;

/// <summary>What <see cref="PubSubSubscriptions.CreateAsync"/> asks for when the subscription does not exist yet.</summary>
public sealed record PubSubSubscriptionSettings(string Name, string Topic)
{
    /// <summary>10-600 s; how long a pulled message stays leased before Pub/Sub redelivers it.</summary>
    public int AckDeadlineSeconds { get; init; } = PubSubSubscriptions.DefaultAckDeadlineSeconds;

    /// <summary>Delete the subscription after this long without subscribers (Pub/Sub's minimum is one day).</summary>
    public TimeSpan? ExpireWhenIdleFor { get; init; }

    public IReadOnlyDictionary<string, string>? Labels { get; init; }
}
