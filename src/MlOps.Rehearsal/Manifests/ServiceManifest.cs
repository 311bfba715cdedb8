namespace MlOps.Rehearsal.Manifests;

/// <summary>What a rendered Cloud Run (Knative serving.knative.dev/v1) Service says about how it runs, as rehearsal reads it back; <paramref name="Iap"/>: Identity-Aware Proxy is on for it.</summary>
public sealed record ServiceManifest(
    string Name,
    string Image,
    int ContainerPort,
    int MinScale,
    int MaxScale,
    IReadOnlyList<ManifestEnv> Env,
    ProbeSpec? StartupProbe,
    string? MountPath,
    string? CloudSqlInstances,
    string Ingress,
    string? ServiceAccount = null,
    bool Iap = false);
