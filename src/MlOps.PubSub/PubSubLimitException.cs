namespace MlOps.PubSub;

/// <summary>A message or request that breaks a Pub/Sub limit, caught before sending.</summary>
public sealed class PubSubLimitException(string message) : ArgumentException(message);
