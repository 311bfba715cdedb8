namespace MlOps.Core.Packaging;

/// <summary>A holdout row (schema slot order; null = missing) and the probability the model gave it at evaluation.</summary>
public sealed record VerificationSample(float?[] Numeric, string?[] Categorical, float Probability);
