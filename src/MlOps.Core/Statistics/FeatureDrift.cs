using MlOps.Core.Schema;

namespace MlOps.Core.Statistics;

/// <summary>How far one feature's live distribution is from a reference, by the metric its kind uses.</summary>
public sealed record FeatureDrift(
    string Feature,
    FeatureKind Kind,
    string Metric,
    double Distance,
    double Psi,
    double Threshold,
    long Samples)
{
    public bool Drifted => Distance > Threshold;

    public static string MetricFor(FeatureKind kind) => kind == FeatureKind.Numeric ? "jensen-shannon" : "l-infinity";
}
