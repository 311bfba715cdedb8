using MlOps.Core.Schema;
using MlOps.Core.Statistics;

namespace MlOps.Core.Tests;

public sealed class DistanceTests
{
    [Fact]
    public void Jensen_shannon_matches_hand_computed_values()
    {
        Assert.Equal(0, Distances.JensenShannon([0.2, 0.8], [0.2, 0.8]), 12);
        Assert.Equal(1, Distances.JensenShannon([1, 0], [0, 1]), 12);
        // M = (0.75, 0.25); KL(p||M) = 0.5·log2(0.5/0.75) + 0.5·log2(0.5/0.25); KL(q||M) = log2(1/0.75).
        var expected = 0.5 * (0.5 * Math.Log2(0.5 / 0.75) + 0.5 * Math.Log2(2)) + 0.5 * Math.Log2(1 / 0.75);
        Assert.Equal(expected, Distances.JensenShannon([0.5, 0.5], [1, 0]), 12);
        Assert.Equal(0.311278, Distances.JensenShannon([0.5, 0.5], [1, 0]), 6);
    }

    [Fact]
    public void L_infinity_is_the_largest_share_difference()
    {
        Assert.Equal(0.2, Distances.LInfinity([0.2, 0.5, 0.3], [0.1, 0.4, 0.5]), 12);
    }

    [Fact]
    public void Psi_matches_the_hand_computed_value()
    {
        // (0.5−0.25)·ln 2 + 0 + (0.25−0.5)·ln 0.5 = 0.5·ln 2
        Assert.Equal(0.5 * Math.Log(2), Distances.PopulationStability([0.25, 0.25, 0.5], [0.5, 0.25, 0.25]), 12);
    }

    [Fact]
    public void Psi_smooths_empty_buckets_instead_of_dividing_by_zero()
    {
        var psi = Distances.PopulationStability([0.5, 0.5, 0], [0.5, 0.4, 0.1]);

        Assert.True(double.IsFinite(psi));
        Assert.Equal(0.1 * Math.Log(0.4 / 0.5) * -1 + (0.1 - 1e-4) * Math.Log(0.1 / 1e-4), psi, 9);
    }

    [Fact]
    public void Distributions_of_different_lengths_are_refused()
    {
        Assert.Throws<ArgumentException>(() => Distances.JensenShannon([1.0], [0.5, 0.5]));
    }

    [Fact]
    public void Numeric_baselines_use_quantile_bins_with_moments()
    {
        var baseline = BaselineBuilder.Numeric("x", [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, float.NaN], bins: 5);

        var numeric = baseline.Numeric!;
        Assert.Equal([2.0, 4, 6, 8, 10], numeric.Edges);
        Assert.Equal([2L, 2, 2, 2, 2, 0], numeric.Counts);
        Assert.Equal(1, baseline.Missing);
        Assert.Equal(5.5, numeric.Mean, 12);
        Assert.Equal(Math.Sqrt(8.25), numeric.Std, 12);
        Assert.Equal((1.0, 10.0), (numeric.Min, numeric.Max));
        Assert.Equal([2L, 2, 2, 2, 2, 0, 1], baseline.BucketCounts());
    }

    [Fact]
    public void Categorical_baselines_keep_the_top_values_and_an_other_bucket()
    {
        var baseline = BaselineBuilder.Categorical("c", ["a", "a", "a", "b", "b", "c", null], topCategories: 2);

        Assert.Equal([new CategoryCount("a", 3), new CategoryCount("b", 2)], baseline.Categorical!.Top);
        Assert.Equal(1, baseline.Categorical.Other);
        Assert.Equal(1, baseline.Missing);
        Assert.Equal(["a", "b", "(other)", "(missing)"], baseline.BucketNames());
    }

    [Fact]
    public void A_histogram_counts_live_values_into_the_baseline_buckets()
    {
        var baseline = BaselineBuilder.Categorical("c", ["a", "a", "b", "b"]);
        var histogram = new FeatureHistogram(baseline);
        foreach (var value in new[] { "a", "z", "z", "" })
        {
            histogram.AddCategorical(value);
        }

        Assert.Equal([1L, 0, 2, 1], histogram.Counts.ToArray());
        // baseline (0.5, 0.5, 0, 0) vs live (0.25, 0, 0.5, 0.25): the largest move is b or other, 0.5.
        Assert.Equal(0.5, histogram.DistanceTo(baseline.Proportions()), 12);
    }

    [Fact]
    public void Thresholds_use_per_feature_overrides_then_per_kind_defaults()
    {
        var thresholds = new DriftThresholds(0.2, 0.3, new Dictionary<string, double> { ["x"] = 0.05 });

        Assert.Equal(0.05, thresholds.For("x", FeatureKind.Numeric));
        Assert.Equal(0.2, thresholds.For("y", FeatureKind.Numeric));
        Assert.Equal(0.3, thresholds.For("z", FeatureKind.Categorical));
        Assert.Single(new DriftThresholds(1.5, 0.1).Problems());
    }
}
