using MlOps.GitOps.Yaml;

namespace MlOps.GitOps.Model;

/// <summary>One environment after its overlay is merged onto the base.</summary>
public sealed record EnvironmentSpec(
    string Name,
    string Project,
    string Region,
    ArtifactsSpec Artifacts,
    PubSubSpec PubSub,
    LogSinkSpec LogSink,
    BuildSpec Build,
    IReadOnlyList<ServiceSpec> Services,
    EnvironmentFiles Files,
    IReadOnlyDictionary<string, SourceLocation> Sources)
{
    /// <summary>Who is paged on an anomaly (the <c>alerting</c> section; none when it is absent).</summary>
    public AlertingSpec Alerting { get; init; } = AlertingSpec.None;

    public ServiceSpec Service(string name) => Services.Single(s => s.Name == name);

    /// <summary>The service, or null when the environment does not run it (only the console is optional).</summary>
    public ServiceSpec? Find(string name) => Services.SingleOrDefault(s => s.Name == name);
}
