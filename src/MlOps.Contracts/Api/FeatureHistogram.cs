namespace MlOps.Contracts.Api;

/// <summary>
/// One feature's distribution over the buckets the drift metric compares (the baseline's quantile bins, or its most
/// frequent values and "(other)", then "(missing)"); <paramref name="Kind"/> is one of <see cref="FeatureKinds"/>.
/// </summary>
public sealed record FeatureHistogram(string Feature, string Kind, IReadOnlyList<HistogramBin> Bins);
