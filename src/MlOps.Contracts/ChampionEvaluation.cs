namespace MlOps.Contracts;

/// <summary>The current champion, evaluated on the challenger's own holdout rows.</summary>
public sealed record ChampionEvaluation(int Version, string PackageUri, ModelMetrics Metrics);
