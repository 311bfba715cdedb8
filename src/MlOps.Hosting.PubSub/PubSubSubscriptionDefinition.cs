namespace MlOps.Hosting.PubSub;

/// <summary>A subscription the emulator gets before anything that waits for it starts.</summary>
public sealed record PubSubSubscriptionDefinition(string Name, string Topic, int AckDeadlineSeconds = 30);
