namespace MlOps.Contracts;

/// <summary>What <see cref="DriftDetected.Kind"/> says was found.</summary>
public static class DriftKinds
{
    /// <summary>Live inputs moved away from the training baseline.</summary>
    public const string Skew = "skew";

    /// <summary>Live inputs moved away from the previous window.</summary>
    public const string Drift = "drift";

    /// <summary>New labelled data scored clearly worse than the holdout.</summary>
    public const string Performance = "performance";
}
