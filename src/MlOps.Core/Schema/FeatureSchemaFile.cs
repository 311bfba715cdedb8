using System.Text.Json;
using System.Text.Json.Serialization;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace MlOps.Core.Schema;

/// <summary>Reads and writes feature schema files (JSON, or YAML for .yaml/.yml).</summary>
public static class FeatureSchemaFile
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        WriteIndented = true,
    };

    public static FeatureSchema Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new SchemaException([$"file not found: {path}"], path);
        }

        return Parse(File.ReadAllText(path), IsYaml(path) ? SchemaFormat.Yaml : SchemaFormat.Json, path);
    }

    public static FeatureSchema Parse(string text, SchemaFormat format, string? source = null)
    {
        SchemaDocument? document;
        try
        {
            document = format == SchemaFormat.Yaml
                ? YamlReader().Deserialize<SchemaDocument>(text)
                : JsonSerializer.Deserialize<SchemaDocument>(text, JsonOptions);
        }
        catch (Exception e) when (e is JsonException or YamlDotNet.Core.YamlException)
        {
            throw new SchemaException([$"not a valid {format.ToString().ToUpperInvariant()} schema document: {e.Message}"], source);
        }

        if (document is null)
        {
            throw new SchemaException(["the file is empty."], source);
        }

        return FromDocument(document, source);
    }

    public static void Save(FeatureSchema schema, string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        File.WriteAllText(path, IsYaml(path) ? ToYaml(schema) : ToJson(schema));
    }

    public static string ToJson(FeatureSchema schema) => JsonSerializer.Serialize(ToDocument(schema), JsonOptions) + "\n";

    public static string ToYaml(FeatureSchema schema) =>
        new SerializerBuilder()
            .WithNamingConvention(CamelCaseNamingConvention.Instance)
            .ConfigureDefaultValuesHandling(DefaultValuesHandling.OmitNull)
            .Build()
            .Serialize(ToDocument(schema));

    private static bool IsYaml(string path) =>
        path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);

    private static IDeserializer YamlReader() =>
        new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).Build();

    private static FeatureSchema FromDocument(SchemaDocument document, string? source)
    {
        var errors = new List<string>();
        var features = new List<FeatureDefinition>();
        foreach (var (f, i) in (document.Features ?? []).Select((f, i) => (f, i)))
        {
            var where = string.IsNullOrWhiteSpace(f.Name) ? $"features[{i}]" : $"feature '{f.Name}'";
            FeatureKind kind;
            switch (f.Kind?.Trim().ToLowerInvariant())
            {
                case "numeric":
                    kind = FeatureKind.Numeric;
                    break;
                case "categorical":
                    kind = FeatureKind.Categorical;
                    break;
                case null or "":
                    errors.Add($"{where}: 'kind' is required (numeric or categorical).");
                    continue;
                default:
                    errors.Add($"{where}: 'kind' must be numeric or categorical, got '{f.Kind}'.");
                    continue;
            }

            features.Add(new FeatureDefinition(f.Name ?? "", kind, f.Range?.Min, f.Range?.Max, f.Vocabulary));
        }

        try
        {
            var schema = new FeatureSchema(
                document.Label ?? "",
                document.PositiveClass ?? "",
                features,
                document.MaxMissingShare ?? FeatureSchema.DefaultMaxMissingShare,
                document.Name);
            if (errors.Count > 0)
            {
                throw new SchemaException(errors, source);
            }

            return schema;
        }
        catch (SchemaException e) when (!ReferenceEquals(e.Errors, errors))
        {
            throw new SchemaException([.. errors, .. e.Errors], source);
        }
    }

    private static SchemaDocument ToDocument(FeatureSchema schema) => new()
    {
        Name = schema.Name,
        Label = schema.Label,
        PositiveClass = schema.PositiveClass,
        MaxMissingShare = schema.MaxMissingShare,
        Features = schema.Features.Select(f => new FeatureDocument
        {
            Name = f.Name,
            Kind = f.IsNumeric ? "numeric" : "categorical",
            Range = f.Min is null && f.Max is null ? null : new RangeDocument { Min = f.Min, Max = f.Max },
            Vocabulary = f.Vocabulary?.ToList(),
        }).ToList(),
    };
}

public enum SchemaFormat
{
    Json,
    Yaml,
}
