namespace MlOps.Core.Schema;

// The on-disk shape of a schema file, shared by the JSON and YAML readers.
internal sealed class SchemaDocument
{
    public string? Name { get; set; }

    public string? Label { get; set; }

    public string? PositiveClass { get; set; }

    public double? MaxMissingShare { get; set; }

    public List<FeatureDocument>? Features { get; set; }
}

internal sealed class FeatureDocument
{
    public string? Name { get; set; }

    public string? Kind { get; set; }

    public RangeDocument? Range { get; set; }

    public List<string>? Vocabulary { get; set; }
}

internal sealed class RangeDocument
{
    public double? Min { get; set; }

    public double? Max { get; set; }
}
