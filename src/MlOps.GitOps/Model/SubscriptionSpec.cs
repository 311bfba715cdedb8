namespace MlOps.GitOps.Model;

public sealed record SubscriptionSpec(string Name, string Topic);
