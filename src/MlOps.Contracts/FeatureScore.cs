namespace MlOps.Contracts;

/// <summary>One feature's distance from its reference; <paramref name="Metric"/> is jensen-shannon, l-infinity or auc-drop.</summary>
public sealed record FeatureScore(string Feature, string Metric, double Distance, double Threshold, bool Drifted);
