using MlOps.GitOps.Model;

namespace MlOps.GitOps.Validation;

/// <summary>
/// The Vertex AI features an environment turns on, each by a setting of the one service that uses it (all off by
/// default): the registry's mirror into the Model Registry, the deployer's endpoint target, the trainer's CustomJob backend.
/// </summary>
public sealed record VertexFeatures(bool Mirror, bool Endpoint, bool CustomJob)
{
    public const string MirrorKey = "Registry:Vertex:Mirror";
    public const string TargetKey = "Deployer:Target";
    public const string BackendKey = "Trainer:Backend";
    public const string VertexEndpoint = "VertexEndpoint";
    public const string CustomJobBackend = "CustomJob";

    public static VertexFeatures Of(EnvironmentSpec spec) => new(
        Mirror: SettingCatalog.Effective(spec.Service(ServiceNames.Registry), MirrorKey) == "true",
        Endpoint: SettingCatalog.Effective(spec.Service(ServiceNames.Deployer), TargetKey) == VertexEndpoint,
        CustomJob: SettingCatalog.Effective(spec.Service(ServiceNames.Trainer), BackendKey) == CustomJobBackend);

    public bool Any => Mirror || Endpoint || CustomJob;

    /// <summary>Whether <paramref name="service"/> calls Vertex AI, and so reads <c>MlOps:Google</c>.</summary>
    public bool CallsVertex(string service) => service switch
    {
        ServiceNames.Registry => Mirror,
        ServiceNames.Deployer => Endpoint,
        ServiceNames.Trainer => CustomJob,
        _ => false,
    };
}
