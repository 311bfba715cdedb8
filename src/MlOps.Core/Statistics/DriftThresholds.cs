using MlOps.Core.Schema;

namespace MlOps.Core.Statistics;

/// <summary>Alert thresholds: per-type defaults (Jensen-Shannon for numeric, L-infinity for categorical) and per-feature overrides.</summary>
public sealed record DriftThresholds(double Numeric = 0.1, double Categorical = 0.1, IReadOnlyDictionary<string, double>? Features = null)
{
    public double For(string feature, FeatureKind kind) =>
        Features is not null && Features.TryGetValue(feature, out var threshold) ? threshold
        : kind == FeatureKind.Numeric ? Numeric : Categorical;

    public IEnumerable<string> Problems()
    {
        if (Numeric is <= 0 or > 1 || double.IsNaN(Numeric))
        {
            yield return $"the numeric threshold must be in (0, 1], got {Numeric}";
        }

        if (Categorical is <= 0 or > 1 || double.IsNaN(Categorical))
        {
            yield return $"the categorical threshold must be in (0, 1], got {Categorical}";
        }

        foreach (var (feature, value) in Features ?? new Dictionary<string, double>())
        {
            if (value is <= 0 or > 1 || double.IsNaN(value))
            {
                yield return $"the threshold for '{feature}' must be in (0, 1], got {value}";
            }
        }
    }
}
