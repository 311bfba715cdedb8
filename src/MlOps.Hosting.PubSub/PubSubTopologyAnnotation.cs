using Aspire.Hosting.ApplicationModel;

namespace MlOps.Hosting.PubSub;

/// <summary>Topics and subscriptions created on the emulator once it answers, before its dependents start.</summary>
public sealed class PubSubTopologyAnnotation : IResourceAnnotation
{
    public List<string> Topics { get; } = [];

    public List<PubSubSubscriptionDefinition> Subscriptions { get; } = [];
}
