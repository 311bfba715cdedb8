using MlOps.Core.Schema;

namespace MlOps.Core.Statistics;

/// <summary>Counts live values of one feature into its baseline's buckets, for skew and drift checks.</summary>
public sealed class FeatureHistogram
{
    private readonly FeatureBaseline _baseline;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _categoryIndex;
    private readonly long[] _counts;

    public FeatureHistogram(FeatureBaseline baseline)
    {
        _baseline = baseline;
        _counts = new long[baseline.BucketCounts().Length];
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        if (baseline.Categorical is { } categorical)
        {
            for (var i = 0; i < categorical.Top.Count; i++)
            {
                index[categorical.Top[i].Value] = i;
            }
        }

        _categoryIndex = index.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public string Name => _baseline.Name;

    public FeatureKind Kind => _baseline.Kind;

    public long Count { get; private set; }

    public ReadOnlySpan<long> Counts => _counts;

    public void AddNumeric(double value)
    {
        var missing = _counts.Length - 1;
        _counts[double.IsNaN(value) ? missing : _baseline.Numeric!.BinOf(value)]++;
        Count++;
    }

    public void AddCategorical(ReadOnlySpan<char> value)
    {
        var missing = _counts.Length - 1;
        var other = _counts.Length - 2;
        _counts[value.IsEmpty ? missing : _categoryIndex.TryGetValue(value, out var i) ? i : other]++;
        Count++;
    }

    public double[] Proportions() => Distances.Normalize(_counts);

    /// <summary>Jensen-Shannon for numeric features, L-infinity for categorical ones.</summary>
    public double DistanceTo(ReadOnlySpan<double> reference) =>
        Kind == FeatureKind.Numeric ? Distances.JensenShannon(reference, Proportions()) : Distances.LInfinity(reference, Proportions());

    public void Reset()
    {
        Array.Clear(_counts);
        Count = 0;
    }
}
