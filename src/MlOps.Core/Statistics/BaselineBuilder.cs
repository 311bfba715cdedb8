using MlOps.Core.Data;
using MlOps.Core.Schema;

namespace MlOps.Core.Statistics;

/// <summary>Computes a <see cref="DatasetBaseline"/> from a dataset.</summary>
public static class BaselineBuilder
{
    public const int DefaultBins = 10;
    public const int DefaultTopCategories = 50;

    public static DatasetBaseline Compute(Dataset data, int bins = DefaultBins, int topCategories = DefaultTopCategories)
    {
        var schema = data.Schema;
        var features = new List<FeatureBaseline>(schema.Features.Count);
        for (var f = 0; f < schema.Features.Count; f++)
        {
            var feature = schema.Features[f];
            features.Add(feature.IsNumeric
                ? Numeric(feature.Name, data.NumericColumn(schema.Slot(f)), bins)
                : Categorical(feature.Name, data.CategoricalColumn(schema.Slot(f)), topCategories));
        }

        var rate = data.RowCount == 0 ? 0 : (double)data.PositiveCount / data.RowCount;
        return new DatasetBaseline(data.RowCount, rate, features);
    }

    public static FeatureBaseline Numeric(string name, ReadOnlySpan<float> values, int bins = DefaultBins)
    {
        var present = new List<float>(values.Length);
        foreach (var v in values)
        {
            if (!float.IsNaN(v))
            {
                present.Add(v);
            }
        }

        var missing = values.Length - present.Count;
        if (present.Count == 0)
        {
            return new FeatureBaseline(name, FeatureKind.Numeric, values.Length, missing, new NumericSummary(0, 0, 0, 0, [], [0]));
        }

        present.Sort();
        double sum = 0, sumSquares = 0;
        foreach (var v in present)
        {
            sum += v;
        }

        var mean = sum / present.Count;
        foreach (var v in present)
        {
            sumSquares += (v - mean) * (v - mean);
        }

        var edges = QuantileEdges(present, bins);
        var summary = new NumericSummary(present[0], present[^1], mean, Math.Sqrt(sumSquares / present.Count), edges, new long[edges.Length + 1]);
        foreach (var v in present)
        {
            summary.Counts[summary.BinOf(v)]++;
        }

        return new FeatureBaseline(name, FeatureKind.Numeric, values.Length, missing, summary);
    }

    public static FeatureBaseline Categorical(string name, ReadOnlySpan<string?> values, int topCategories = DefaultTopCategories)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        long missing = 0;
        foreach (var v in values)
        {
            if (v is null)
            {
                missing++;
            }
            else
            {
                counts[v] = counts.GetValueOrDefault(v) + 1;
            }
        }

        var ordered = counts.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).ToList();
        var top = ordered.Take(topCategories).Select(kv => new CategoryCount(kv.Key, kv.Value)).ToList();
        var other = ordered.Skip(topCategories).Sum(kv => kv.Value);
        return new FeatureBaseline(name, FeatureKind.Categorical, values.Length, missing, Categorical: new CategoricalSummary(top, other));
    }

    // Upper edges at the 1/bins .. (bins-1)/bins quantiles plus the maximum, with repeats removed,
    // so a discrete feature gets one bin per value rather than empty bins.
    private static double[] QuantileEdges(List<float> sorted, int bins)
    {
        var edges = new SortedSet<double>();
        for (var i = 1; i < bins; i++)
        {
            edges.Add(sorted[(int)((long)i * (sorted.Count - 1) / bins)]);
        }

        edges.Add(sorted[^1]);
        return [.. edges];
    }
}
