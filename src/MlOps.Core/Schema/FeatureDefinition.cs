namespace MlOps.Core.Schema;

/// <summary>One input feature: its name, kind and the values it may take.</summary>
/// <param name="Name">Column name in data files and field name in prediction requests.</param>
/// <param name="Kind">Numeric or categorical.</param>
/// <param name="Min">Inclusive lower bound for a numeric feature, if any.</param>
/// <param name="Max">Inclusive upper bound for a numeric feature, if any.</param>
/// <param name="Vocabulary">Allowed values of a categorical feature; null allows any value.</param>
public sealed record FeatureDefinition(
    string Name,
    FeatureKind Kind,
    double? Min = null,
    double? Max = null,
    IReadOnlyList<string>? Vocabulary = null)
{
    public bool IsNumeric => Kind == FeatureKind.Numeric;

    public bool InRange(double value) => (Min is not { } min || value >= min) && (Max is not { } max || value <= max);

    public string DescribeRange() => (Min, Max) switch
    {
        ({ } min, { } max) => $"[{min.ToInvariant()}, {max.ToInvariant()}]",
        ({ } min, null) => $"[{min.ToInvariant()}, ∞)",
        (null, { } max) => $"(-∞, {max.ToInvariant()}]",
        _ => "(-∞, ∞)",
    };
}
