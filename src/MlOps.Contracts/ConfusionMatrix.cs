namespace MlOps.Contracts;

/// <summary>Holdout rows by actual and predicted class, at the model's decision threshold.</summary>
public sealed record ConfusionMatrix(long TruePositives, long FalsePositives, long TrueNegatives, long FalseNegatives);
