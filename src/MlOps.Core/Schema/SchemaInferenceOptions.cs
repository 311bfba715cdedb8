namespace MlOps.Core.Schema;

public sealed record SchemaInferenceOptions
{
    public string? Name { get; init; }

    /// <summary>The positive label value; inferred for 0/1, false/true, no/yes labels when not given.</summary>
    public string? PositiveClass { get; init; }

    public IReadOnlySet<string> Categorical { get; init; } = new HashSet<string>();

    public IReadOnlySet<string> Numeric { get; init; } = new HashSet<string>();

    /// <summary>Columns that are not features (identifiers, timestamps, leakage).</summary>
    public IReadOnlySet<string> Exclude { get; init; } = new HashSet<string>();

    public double MaxMissingShare { get; init; } = FeatureSchema.DefaultMaxMissingShare;

    /// <summary>Read at most this many rows; null reads the whole file.</summary>
    public long? MaxRows { get; init; }
}
