namespace MlOps.PubSub;

/// <summary>What <see cref="PubSubSubscriptions.CreateAsync"/> asks for when the subscription does not exist yet.</summary>
public sealed record PubSubSubscriptionSettings(string Name, string Topic)
{
    /// <summary>10-600 s; how long a pulled message stays leased before Pub/Sub redelivers it.</summary>
    public int AckDeadlineSeconds { get; init; } = PubSubSubscriptions.DefaultAckDeadlineSeconds;

    /// <summary>Delete the subscription after this long without subscribers (Pub/Sub's minimum is one day).</summary>
    public TimeSpan? ExpireWhenIdleFor { get; init; }

    /// <summary>
    /// Keep the subscription however long nobody reads it; without this (and without <see cref="ExpireWhenIdleFor"/>)
    /// Pub/Sub deletes it after 31 idle days, and its messages with it. For destinations only a person reads, like <c>_error</c>.
    /// </summary>
    public bool NeverExpire { get; init; }

    public IReadOnlyDictionary<string, string>? Labels { get; init; }
}
