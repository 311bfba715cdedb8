using MlOps.PubSub;

namespace MassTransit;

/// <summary>Where the bus connects and the defaults of its receive endpoints.</summary>
public sealed class PubSubHostSettings
{
    /// <summary>Google Cloud project of the topics; defaults to <c>PUBSUB_PROJECT_ID</c>, then <c>GOOGLE_CLOUD_PROJECT</c>, else <c>mlops-local</c>.</summary>
    public string ProjectId { get; set; } = PubSubClientSettings.FromEnvironment().ProjectId;

    /// <summary><c>host:port</c> of an emulator; when null <c>PUBSUB_EMULATOR_HOST</c> is used, and when
    /// that is empty too, Google Cloud with Application Default Credentials.</summary>
    public string? EmulatorHost { get; set; }

    public string Endpoint { get; set; } = PubSubClientSettings.ProductionEndpoint;

    /// <summary>Ack deadline of the subscriptions the bus creates (10-600 s, Pub/Sub's bounds). A subscription
    /// that already exists keeps its own, and leases follow that one.</summary>
    public TimeSpan AckDeadline { get; set; } = TimeSpan.FromSeconds(PubSubSubscriptions.DefaultAckDeadlineSeconds);

    /// <summary>How long a consumer may hold a message: the lease is renewed at ~70% of the ack
    /// deadline until the consumer finishes or this much time has passed.</summary>
    public TimeSpan MaxLeaseDuration { get; set; } = TimeSpan.FromHours(2);

    public PubSubRetrySettings Retry { get; set; } = PubSubRetrySettings.Default;

    public PubSubClientSettings ToClientSettings() => new()
    {
        ProjectId = ProjectId,
        EmulatorHost = EmulatorHost,
        Endpoint = Endpoint,
        Retry = Retry,
    };
}
