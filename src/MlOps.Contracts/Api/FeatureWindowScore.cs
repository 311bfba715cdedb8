namespace MlOps.Contracts.Api;

/// <summary>A feature in one window: its distance from the baseline, from the previous window (none for the first), its PSI, and the thresholds.</summary>
public sealed record FeatureWindowScore(string Feature, string Metric, double Skew, double? Drift, double Psi, double Threshold, double DriftThreshold);
