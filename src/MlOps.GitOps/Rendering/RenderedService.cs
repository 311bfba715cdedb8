namespace MlOps.GitOps.Rendering;

/// <summary>Everything that decides how one service runs on Cloud Run in one environment.</summary>
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
    string Bucket,
    string MountPath,
    IReadOnlyList<EnvVar> Env);
