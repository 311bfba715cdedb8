namespace MlOps.Contracts;

/// <summary>
/// A challenger was trained and packaged. A request is trained at most once, so
/// <paramref name="RequestId"/> identifies the run across redeliveries.
/// </summary>
public sealed record ModelTrained(
    Guid RequestId,
    string Model,
    string PackageUri,
    ModelMetrics Metrics,
    ChampionEvaluation? Champion,
    Lineage Lineage,
    DateTimeOffset TrainedAt);
