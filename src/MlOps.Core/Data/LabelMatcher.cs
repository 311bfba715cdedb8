using MlOps.Core.Schema;

namespace MlOps.Core.Data;

/// <summary>Decides whether a label cell is the positive class; "1", "1.0" and "TRUE"/"true" style variants match.</summary>
public sealed class LabelMatcher(FeatureSchema schema)
{
    private readonly string _positive = schema.PositiveClass;
    private readonly double? _positiveNumber = Invariant.TryParseDouble(schema.PositiveClass, out var n) ? n : null;

    public bool IsPositive(string value) =>
        string.Equals(value, _positive, StringComparison.OrdinalIgnoreCase)
        || (_positiveNumber is { } p && Invariant.TryParseDouble(value, out var v) && v == p);

    /// <summary>A spelling-independent key for counting distinct classes.</summary>
    public static string ClassKey(string value) =>
        Invariant.TryParseDouble(value, out var v) ? v.ToInvariant() : value.ToLowerInvariant();
}
