using MlOps.Core.Data;

namespace MlOps.Core.Statistics;

/// <summary>Compares a dataset with a training baseline, feature by feature.</summary>
public static class DriftAnalyzer
{
    public static IReadOnlyList<FeatureDrift> Compare(DatasetBaseline baseline, Dataset data, DriftThresholds thresholds)
    {
        var schema = data.Schema;
        var results = new List<FeatureDrift>();
        for (var f = 0; f < schema.Features.Count; f++)
        {
            var feature = schema.Features[f];
            if (baseline.Find(feature.Name) is not { } reference || reference.Kind != feature.Kind)
            {
                continue;
            }

            var histogram = new FeatureHistogram(reference);
            var slot = schema.Slot(f);
            if (feature.IsNumeric)
            {
                foreach (var value in data.NumericColumn(slot))
                {
                    histogram.AddNumeric(value);
                }
            }
            else
            {
                foreach (var value in data.CategoricalColumn(slot))
                {
                    histogram.AddCategorical(value);
                }
            }

            results.Add(Measure(reference.Proportions(), histogram, thresholds.For(feature.Name, feature.Kind)));
        }

        return results;
    }

    /// <summary>The distance from <paramref name="reference"/> proportions to the histogram's counts.</summary>
    public static FeatureDrift Measure(double[] reference, FeatureHistogram histogram, double threshold)
    {
        var live = histogram.Proportions();
        return new FeatureDrift(
            histogram.Name,
            histogram.Kind,
            FeatureDrift.MetricFor(histogram.Kind),
            histogram.DistanceTo(reference),
            Distances.PopulationStability(reference, live),
            threshold,
            histogram.Count);
    }
}
