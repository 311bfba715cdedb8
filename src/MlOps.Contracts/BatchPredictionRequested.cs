namespace MlOps.Contracts;

/// <summary>
/// Score a file with a model: CSV (rows plus probability and label) or JSON lines (Vertex AI batch
/// output). Paths are artifact names; without <paramref name="PackageUri"/> the version serving the
/// model now is used.
/// </summary>
public sealed record BatchPredictionRequested(
    Guid JobId,
    string Model,
    string InputUri,
    string OutputUri,
    string Format,
    DateTimeOffset RequestedAt,
    string? PackageUri = null,
    int? Version = null);
