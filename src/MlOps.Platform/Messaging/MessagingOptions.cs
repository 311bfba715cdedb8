namespace MlOps.Platform.Messaging;

/// <summary>Bound from <c>MlOps</c>: which transport carries the messages and where Pub/Sub is.</summary>
public sealed class MessagingOptions
{
    public const string Section = "MlOps";

    /// <summary>The project id used against a local emulator when none is configured.</summary>
    public const string LocalProject = "mlops-local";

    public TransportKind Transport { get; set; } = TransportKind.InMemory;

    public PubSubOptions PubSub { get; set; } = new();
}

public sealed class PubSubOptions
{
    /// <summary>Falls back to <c>GOOGLE_CLOUD_PROJECT</c>.</summary>
    public string? ProjectId { get; set; }

    /// <summary><c>host:port</c> of an emulator; falls back to <c>PUBSUB_EMULATOR_HOST</c>. Empty means Google Cloud.</summary>
    public string? EmulatorHost { get; set; }
}
