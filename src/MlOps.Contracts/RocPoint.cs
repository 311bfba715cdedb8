namespace MlOps.Contracts;

/// <summary>One point of a ROC curve: the rates when a score at or above <paramref name="Threshold"/> predicts the positive class.</summary>
public sealed record RocPoint(double FalsePositiveRate, double TruePositiveRate, double Threshold);
