using MlOps.Platform.Configuration;

namespace MlOps.Platform.Artifacts;

/// <summary>Bound from <c>MlOps:Artifacts</c>.</summary>
public sealed class ArtifactOptions : ISettings
{
    public static string Section => "MlOps:Artifacts";

    /// <summary>Folder holding datasets and model packages; a GCS bucket mounted as a volume on Cloud Run.</summary>
    public string Root { get; set; } = "./.mlops/artifacts";
}
