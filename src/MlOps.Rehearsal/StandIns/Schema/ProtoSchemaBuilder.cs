using System.Text.RegularExpressions;

namespace MlOps.Rehearsal.StandIns.Schema;

/// <summary>
/// Collects messages transcribed from Google's protos, each as its fields in proto syntax
/// (<c>repeated EnvVar env;</c>, <c>map&lt;string, int32&gt; traffic_split;</c>, <c>string image_uri [REQUIRED];</c>),
/// and links their type names the way protoc does: innermost scope first, then outwards to the package.
/// </summary>
internal sealed partial class ProtoSchemaBuilder
{
    private static readonly Dictionary<string, FieldKind> Scalars = new(StringComparer.Ordinal)
    {
        ["string"] = FieldKind.String,
        ["int32"] = FieldKind.Int32,
        ["int64"] = FieldKind.Int64,
        ["bool"] = FieldKind.Bool,
        ["double"] = FieldKind.Double,
        ["bytes"] = FieldKind.Bytes,
        ["google.protobuf.Timestamp"] = FieldKind.Timestamp,
        ["google.protobuf.Duration"] = FieldKind.Duration,
        ["google.protobuf.FieldMask"] = FieldKind.FieldMask,
        ["google.protobuf.Value"] = FieldKind.Value,
        ["google.protobuf.Struct"] = FieldKind.Struct,
        ["google.protobuf.Any"] = FieldKind.Any,
    };

    private readonly List<(string FullName, string Fields)> _messages = [];
    private readonly Dictionary<string, EnumSpec> _enums = new(StringComparer.Ordinal);

    public void Message(string fullName, string fields) => _messages.Add((fullName, fields));

    public void Enum(string fullName, params string[] values) => _enums.Add(fullName, new EnumSpec(fullName, values));

    public ProtoSchema Build()
    {
        var names = _messages.Select(m => m.FullName).ToHashSet(StringComparer.Ordinal);
        var messages = _messages.ToDictionary(m => m.FullName, m => new MessageSpec(m.FullName, ParseFields(m.FullName, m.Fields, names)), StringComparer.Ordinal);
        return new ProtoSchema(messages, _enums);
    }

    private List<FieldSpec> ParseFields(string message, string fields, HashSet<string> messages) =>
        fields.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(declaration => ParseField(message, declaration, messages))
            .ToList();

    private FieldSpec ParseField(string message, string declaration, HashSet<string> messages)
    {
        var match = Declaration().Match(declaration);
        if (!match.Success)
        {
            throw new InvalidOperationException($"{message}: cannot read the field declaration '{declaration}'.");
        }

        var cardinality = match.Groups["map"].Success ? FieldCardinality.Map
            : match.Groups["repeated"].Success ? FieldCardinality.Repeated
            : FieldCardinality.Single;
        var type = match.Groups["map"].Success ? match.Groups["map"].Value : match.Groups["type"].Value;
        var behavior = FieldBehavior.None;
        foreach (var flag in match.Groups["flags"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            behavior |= flag switch
            {
                "REQUIRED" => FieldBehavior.Required,
                "OUTPUT_ONLY" => FieldBehavior.OutputOnly,
                "ONEOF" => FieldBehavior.OneOf,
                _ => throw new InvalidOperationException($"{message}: unknown field behavior {flag} in '{declaration}'."),
            };
        }

        var name = match.Groups["name"].Value;
        if (Scalars.TryGetValue(type, out var kind))
        {
            return new FieldSpec(name, kind, null, cardinality, behavior);
        }

        var resolved = Resolve(message, type, messages)
            ?? throw new InvalidOperationException($"{message}.{name}: no message or enum {type} is transcribed.");
        return new FieldSpec(name, messages.Contains(resolved) ? FieldKind.Message : FieldKind.Enum, resolved, cardinality, behavior);
    }

    private string? Resolve(string message, string type, HashSet<string> messages)
    {
        if (type.StartsWith("google.", StringComparison.Ordinal))
        {
            return messages.Contains(type) || _enums.ContainsKey(type) ? type : null;
        }

        for (var scope = message; scope.Length > 0; scope = scope.Contains('.') ? scope[..scope.LastIndexOf('.')] : "")
        {
            var candidate = scope + "." + type;
            if (messages.Contains(candidate) || _enums.ContainsKey(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    [GeneratedRegex(@"^(?:(?<repeated>repeated)\s+)?(?:map<\s*string\s*,\s*(?<map>[\w.]+)\s*>|(?<type>[\w.]+))\s+(?<name>[a-z][a-z0-9_]*)(?:\s*\[(?<flags>[A-Z_,\s]+)\])?$")]
    private static partial Regex Declaration();
}
