namespace MlOps.GoogleApis.Vertex;

/// <summary>google.cloud.aiplatform.v1.CustomJobSpec.</summary>
public sealed record CustomJobSpec(IReadOnlyList<WorkerPoolSpec> WorkerPoolSpecs)
{
    public string? ServiceAccount { get; init; }

    public GcsDestination? BaseOutputDirectory { get; init; }
}
