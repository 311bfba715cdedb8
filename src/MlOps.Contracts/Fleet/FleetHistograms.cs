namespace MlOps.Contracts.Fleet;

/// <summary>The bucket bounds replicas count into and the Deployer reads: one definition for both sides.</summary>
public static class FleetHistograms
{
    // Scanned as an array for every answered request: a list's scan is an interface call per bound.
    private static readonly double[] Bounds = [0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000];

    /// <summary>Upper bounds of the latency buckets in milliseconds; a last bucket takes everything slower.</summary>
    public static IReadOnlyList<double> LatencyBoundsMs { get; } = Array.AsReadOnly(Bounds);

    public static int LatencyBuckets => Bounds.Length + 1;

    /// <summary>Scores (probabilities) are counted into this many equal buckets over [0, 1].</summary>
    public const int ScoreBuckets = 20;

    public static int LatencyBucket(double milliseconds)
    {
        var bounds = Bounds;
        for (var i = 0; i < bounds.Length; i++)
        {
            if (milliseconds <= bounds[i])
            {
                return i;
            }
        }

        return bounds.Length;
    }

    public static int ScoreBucket(float probability) => Math.Clamp((int)(probability * ScoreBuckets), 0, ScoreBuckets - 1);

    /// <summary>The latency below which <paramref name="quantile"/> of the counts fall (a bucket's upper bound), or null with no counts.</summary>
    public static double? LatencyQuantile(IReadOnlyList<long> buckets, double quantile)
    {
        var total = buckets.Sum();
        if (total == 0)
        {
            return null;
        }

        var rank = quantile * total;
        long seen = 0;
        for (var i = 0; i < buckets.Count; i++)
        {
            seen += buckets[i];
            if (seen >= rank)
            {
                return i < LatencyBoundsMs.Count ? LatencyBoundsMs[i] : double.PositiveInfinity;
            }
        }

        return double.PositiveInfinity;
    }
}
