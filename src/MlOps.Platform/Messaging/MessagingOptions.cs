using MlOps.Platform.Configuration;

namespace MlOps.Platform.Messaging;

/// <summary>Bound from <c>MlOps</c>: which transport carries the messages and where Pub/Sub is.</summary>
public sealed class MessagingOptions : ISettings
{
    public static string Section => "MlOps";

    public TransportKind Transport { get; set; } = TransportKind.InMemory;

    [Microsoft.Extensions.Options.ValidateObjectMembers]
    public PubSubOptions PubSub { get; set; } = new();
}

public sealed class PubSubOptions
{
    /// <summary>Falls back to <c>PUBSUB_PROJECT_ID</c>, then <c>GOOGLE_CLOUD_PROJECT</c>, then <c>mlops-local</c>.</summary>
    public string? ProjectId { get; set; }

    /// <summary><c>host:port</c> of an emulator; falls back to <c>PUBSUB_EMULATOR_HOST</c>. Empty means Google Cloud.</summary>
    public string? EmulatorHost { get; set; }

    /// <summary>
    /// How long a received message is leased before Pub/Sub may deliver it again (10–600 s): the wait
    /// before a message whose consumer crashed is redelivered. It applies to subscriptions the service
    /// creates; a subscription that already exists keeps its own. Leases are renewed while a consumer works.
    /// </summary>
    [System.ComponentModel.DataAnnotations.Range(10, 600)]
    public int AckDeadlineSeconds { get; set; } = MlOps.PubSub.PubSubSubscriptions.DefaultAckDeadlineSeconds;

    /// <summary>The project in use: see <see cref="ProjectId"/>.</summary>
    public string ResolveProjectId() => MlOps.PubSub.PubSubClientSettings.ResolveProjectId(ProjectId);
}
