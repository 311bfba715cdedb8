namespace MlOps.Contracts.Api;

/// <summary>One registered version: the request it came from, its holdout metrics and its lineage, as <see cref="ModelTrained"/> reported them.</summary>
public sealed record VersionView(
    int Version,
    string Status,
    string PackageUri,
    Guid RequestId,
    ModelMetrics Metrics,
    Lineage Lineage,
    DateTime TrainedAt,
    DateTime RegisteredAt,
    VertexMirrorView? Vertex = null);
