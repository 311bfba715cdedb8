using MlOps.Core.Schema;

namespace MlOps.Core.Statistics;

/// <summary>
/// The training distribution of one feature. Numeric features keep quantile bins (a value v falls
/// in the first bin whose upper edge is ≥ v; the last bin is open) and summary moments; categorical
/// features keep the most frequent values and an "other" bucket. Missing values are counted apart.
/// </summary>
public sealed record FeatureBaseline(
    string Name,
    FeatureKind Kind,
    long Count,
    long Missing,
    NumericSummary? Numeric = null,
    CategoricalSummary? Categorical = null)
{
    /// <summary>Bucket counts in a fixed order: the bins (or top values, then other), then missing.</summary>
    public long[] BucketCounts() => Kind == FeatureKind.Numeric
        ? [.. Numeric!.Counts, Missing]
        : [.. Categorical!.Top.Select(c => c.Count), Categorical.Other, Missing];

    public double[] Proportions() => Distances.Normalize(BucketCounts());

    public IReadOnlyList<string> BucketNames() => Kind == FeatureKind.Numeric
        ? [.. Numeric!.BinNames(), "(missing)"]
        : [.. Categorical!.Top.Select(c => c.Value), "(other)", "(missing)"];
}

public sealed record NumericSummary(double Min, double Max, double Mean, double Std, double[] Edges, long[] Counts)
{
    public int BinOf(double value)
    {
        var i = Array.BinarySearch(Edges, value);
        return i >= 0 ? i : ~i;
    }

    public IEnumerable<string> BinNames()
    {
        for (var i = 0; i <= Edges.Length; i++)
        {
            yield return i == 0 ? $"≤{Edges.FirstOrDefault().ToInvariant()}"
                : i == Edges.Length ? $">{Edges[^1].ToInvariant()}"
                : $"({Edges[i - 1].ToInvariant()}, {Edges[i].ToInvariant()}]";
        }
    }
}

public sealed record CategoricalSummary(IReadOnlyList<CategoryCount> Top, long Other);

public sealed record CategoryCount(string Value, long Count);
