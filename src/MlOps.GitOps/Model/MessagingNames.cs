namespace MlOps.GitOps.Model;

/// <summary>Pub/Sub names the transport and the services use (docs/configuration.md, "Messaging names").</summary>
public static class MessagingNames
{
    public const string PredictionLogs = "prediction-logs";

    /// <summary>The topic Cloud Scheduler jobs publish a schedule's occurrences to (raw JSON <c>{"schedule": name}</c>).</summary>
    public const string Schedules = "schedules";

    /// <summary>The DriftWatcher's own subscription to the messages it turns into alerts.</summary>
    public const string Alerts = "drift-watcher-alerts";

    /// <summary>Message-type topics, named by the transport from the message type in kebab-case.</summary>
    public static IReadOnlyList<string> MessageTopics { get; } = MlOps.Contracts.Messages.All.Select(t => Kebab(t.Name)).ToList();

    /// <summary>Receive endpoints (a topic plus a same-named subscription) and the service that pulls each.</summary>
    public static IReadOnlyDictionary<string, string> EndpointServices { get; } = new Dictionary<string, string>
    {
        [ServiceNames.Trainer] = ServiceNames.Trainer,
        [ServiceNames.Registry] = ServiceNames.Registry,
        [ServiceNames.Deployer] = ServiceNames.Deployer,
        [ServiceNames.DriftWatcher] = ServiceNames.DriftWatcher,
        ["predictor-batch"] = ServiceNames.Predictor,
        [Schedules] = ServiceNames.DriftWatcher,
        [Alerts] = ServiceNames.DriftWatcher,
    };

    public static IReadOnlyList<string> Endpoints { get; } = [.. EndpointServices.Keys];

    /// <summary>Services that pull a subscription: they need an instance running at all times.</summary>
    public static IReadOnlyList<string> Consumers { get; } = [.. EndpointServices.Values.Distinct()];

    private static string Kebab(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "-" : "") + char.ToLowerInvariant(c) : c.ToString()));
}
