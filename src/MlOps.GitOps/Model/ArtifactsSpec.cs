namespace MlOps.GitOps.Model;

/// <summary>The GCS bucket that holds datasets and model packages, and where it is mounted in every container.</summary>
public sealed record ArtifactsSpec(string Bucket, string MountPath);
