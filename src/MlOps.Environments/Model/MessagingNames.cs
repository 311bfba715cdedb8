namespace MlOps.GitOps.Model;

/// <summary>Pub/Sub names the transport and the services use (docs/configuration.md, "Messaging names").</summary>
public static class MessagingNames
{
    public const string PredictionLogs = "prediction-logs";

    /// <summary>Message-type topics, named by the transport from the message type in kebab-case.</summary>
    public static IReadOnlyList<string> MessageTopics { get; } =
    [
        "training-requested", "model-trained", "training-failed", "model-version-registered", "model-promoted",
        "model-rejected", "deployment-completed", "deployment-rolled-back", "drift-detected",
    ];

    /// <summary>Services with a receive endpoint: a topic plus a subscription named after the service.</summary>
    public static IReadOnlyList<string> Endpoints { get; } =
        [ServiceNames.Trainer, ServiceNames.Registry, ServiceNames.Deployer, ServiceNames.DriftWatcher];
}
