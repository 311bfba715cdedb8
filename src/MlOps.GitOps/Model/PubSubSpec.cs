namespace MlOps.GitOps.Model;

public sealed record PubSubSpec(IReadOnlyList<string> Topics, IReadOnlyList<SubscriptionSpec> Subscriptions);
