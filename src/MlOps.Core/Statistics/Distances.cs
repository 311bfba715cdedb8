namespace MlOps.Core.Statistics;

/// <summary>
/// Distances between two distributions given as proportions over the same buckets: the ones
/// Vertex AI Model Monitoring uses (Jensen-Shannon divergence for numeric features, L-infinity for
/// categorical ones) and the population stability index.
/// </summary>
public static class Distances
{
    public static double[] Normalize(ReadOnlySpan<long> counts)
    {
        long total = 0;
        foreach (var c in counts)
        {
            total += c;
        }

        var proportions = new double[counts.Length];
        if (total == 0)
        {
            return proportions;
        }

        for (var i = 0; i < counts.Length; i++)
        {
            proportions[i] = (double)counts[i] / total;
        }

        return proportions;
    }

    /// <summary>Jensen-Shannon divergence in bits: 0 for identical distributions, 1 for disjoint ones.</summary>
    public static double JensenShannon(ReadOnlySpan<double> p, ReadOnlySpan<double> q)
    {
        CheckLengths(p, q);
        double divergence = 0;
        for (var i = 0; i < p.Length; i++)
        {
            var m = (p[i] + q[i]) / 2;
            if (p[i] > 0)
            {
                divergence += 0.5 * p[i] * Math.Log2(p[i] / m);
            }

            if (q[i] > 0)
            {
                divergence += 0.5 * q[i] * Math.Log2(q[i] / m);
            }
        }

        return Math.Max(0, divergence);
    }

    /// <summary>The largest absolute difference in any bucket's share.</summary>
    public static double LInfinity(ReadOnlySpan<double> p, ReadOnlySpan<double> q)
    {
        CheckLengths(p, q);
        double max = 0;
        for (var i = 0; i < p.Length; i++)
        {
            max = Math.Max(max, Math.Abs(p[i] - q[i]));
        }

        return max;
    }

    /// <summary>Population stability index, Σ (actual − expected) · ln(actual / expected); empty buckets count as <paramref name="epsilon"/>.</summary>
    public static double PopulationStability(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual, double epsilon = 1e-4)
    {
        CheckLengths(expected, actual);
        double psi = 0;
        for (var i = 0; i < expected.Length; i++)
        {
            if (expected[i] == 0 && actual[i] == 0)
            {
                continue;
            }

            var e = Math.Max(expected[i], epsilon);
            var a = Math.Max(actual[i], epsilon);
            psi += (a - e) * Math.Log(a / e);
        }

        return psi;
    }

    private static void CheckLengths(ReadOnlySpan<double> p, ReadOnlySpan<double> q)
    {
        if (p.Length != q.Length)
        {
            throw new ArgumentException($"distributions have {p.Length} and {q.Length} buckets");
        }
    }
}
