namespace MlOps.Core.Statistics;

/// <summary>Per-feature training distributions, the reference for skew and drift detection.</summary>
public sealed record DatasetBaseline(long Rows, double PositiveRate, IReadOnlyList<FeatureBaseline> Features)
{
    public FeatureBaseline? Find(string name) => Features.FirstOrDefault(f => f.Name == name);
}
