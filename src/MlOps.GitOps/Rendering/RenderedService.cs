using MlOps.GitOps.Model;

namespace MlOps.GitOps.Rendering;

/// <summary>Everything that decides how one service runs on Cloud Run in one environment; <see cref="Artifacts"/> is the bucket it mounts (none for the console).</summary>
public sealed record RenderedService(
    string Name,
    string Environment,
    string Project,
    string Region,
    string Image,
    string Ingress,
    bool Public,
    string ServiceAccountEmail,
    int MinInstances,
    int MaxInstances,
    string Cpu,
    string Memory,
    int Port,
    bool CpuAlwaysAllocated,
    string? CloudSqlInstance,
    ArtifactsSpec? Artifacts,
    IReadOnlyList<EnvVar> Env)
{
    /// <summary>Identity-Aware Proxy on the Cloud Run service: people sign in before a request reaches it.</summary>
    public bool Iap { get; init; }

    /// <summary>A browser's requests go to the instance that served it first (the console's pages hold their state there).</summary>
    public bool SessionAffinity { get; init; }
}
