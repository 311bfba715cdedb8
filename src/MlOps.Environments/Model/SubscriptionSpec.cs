namespace MlOps.Environments.Model;

public sealed record SubscriptionSpec(string Name, string Topic);
