namespace MlOps.Contracts;

/// <summary>A challenger was trained and packaged; <paramref name="RunId"/> identifies it across redeliveries.</summary>
public sealed record ModelTrained(
    Guid RequestId,
    Guid RunId,
    string Model,
    string PackageUri,
    ModelMetrics Metrics,
    ChampionEvaluation? Champion,
    Lineage Lineage,
    DateTimeOffset TrainedAt);
