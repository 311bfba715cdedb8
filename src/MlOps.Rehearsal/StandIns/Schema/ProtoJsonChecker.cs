using System.Text.Json;
using System.Text.Json.Nodes;

namespace MlOps.Rehearsal.StandIns.Schema;

/// <summary>
/// Reads JSON against a message as the proto3 JSON mapping defines it, and returns a normalised copy: every
/// unknown name, wrong JSON type and unknown enum value is a violation worded as Google's transcoder words it.
/// In <see cref="ProtoJsonMode.Request"/> mode it accepts what a parser accepts; in <see cref="ProtoJsonMode.Response"/>
/// mode it holds the stand-in's own answers to what Google's printer writes, and leaves defaults out as the printer does.
/// </summary>
internal sealed class ProtoJsonChecker(ProtoSchema schema, ProtoJsonMode mode)
{
    public JsonObject? Read(JsonNode? node, MessageSpec message, string path, List<FieldViolation> violations)
    {
        if (mode == ProtoJsonMode.Response && node is not null)
        {
            // Values the stand-in built hold CLR numbers; a round trip makes every value read the same way.
            node = JsonNode.Parse(node.ToJsonString());
        }

        return ReadMessage(node, message, path, violations);
    }

    private JsonObject? ReadMessage(JsonNode? node, MessageSpec message, string path, List<FieldViolation> violations)
    {
        if (node is not JsonObject source)
        {
            violations.Add(InvalidValue(path, message.TypeUrl, node));
            return null;
        }

        var copy = new JsonObject();
        foreach (var (name, value) in source)
        {
            var field = message.Find(name);
            if (field is null || (mode == ProtoJsonMode.Response && name != field.JsonName))
            {
                var at = path.Length == 0 ? "" : $" at '{path}'";
                violations.Add(new FieldViolation(Join(path, name), $"Invalid JSON payload received. Unknown name \"{name}\"{at}: Cannot find field."));
                continue;
            }

            // proto3 JSON: null stands for the default value, except where the field is a Value.
            if (value is null && field.Kind != FieldKind.Value)
            {
                continue;
            }

            var read = ReadField(value, field, Join(path, field.JsonName), violations);
            if (read.Present && (mode == ProtoJsonMode.Request || field.HasPresence || !ProtoJsonScalars.IsDefault(read.Node, field, schema)))
            {
                copy[field.JsonName] = read.Node;
            }
        }

        return copy;
    }

    private (bool Present, JsonNode? Node) ReadField(JsonNode? value, FieldSpec field, string path, List<FieldViolation> violations)
    {
        switch (field.Cardinality)
        {
            case FieldCardinality.Repeated when value is JsonArray list:
                var items = new JsonArray();
                for (var i = 0; i < list.Count; i++)
                {
                    var item = ReadSingle(list[i], field, $"{path}[{i}]", violations);
                    if (item.Present)
                    {
                        items.Add(item.Node);
                    }
                }

                return (true, items);
            case FieldCardinality.Repeated:
                violations.Add(new FieldViolation(path, $"Invalid value at '{path}' ({field.Label}), {Show(value)}: a list is expected."));
                return (false, null);
            case FieldCardinality.Map when value is JsonObject map:
                var entries = new JsonObject();
                foreach (var (key, entry) in map)
                {
                    var read = ReadSingle(entry, field, $"{path}[{key}]", violations);
                    if (read.Present)
                    {
                        entries[key] = read.Node;
                    }
                }

                return (true, entries);
            case FieldCardinality.Map:
                violations.Add(new FieldViolation(path, $"Invalid value at '{path}' (map<string, {field.Label}>), {Show(value)}: an object is expected."));
                return (false, null);
            default:
                if (value is JsonArray)
                {
                    violations.Add(new FieldViolation(path, $"Invalid JSON payload received. Proto field '{path}' is not repeating, cannot start list."));
                    return (false, null);
                }

                return ReadSingle(value, field, path, violations);
        }
    }

    private (bool Present, JsonNode? Node) ReadSingle(JsonNode? value, FieldSpec field, string path, List<FieldViolation> violations)
    {
        var node = field.Kind switch
        {
            FieldKind.Value => value?.DeepClone(),
            FieldKind.Struct => value is JsonObject ? value.DeepClone() : null,
            FieldKind.Message => ReadMessage(value, schema.Message(field.TypeName!), path, violations),
            FieldKind.Any => ReadAny(value, path, violations),
            _ => ProtoJsonScalars.Read(value, field, schema, mode),
        };
        if (node is null && field.Kind is not (FieldKind.Value or FieldKind.Message or FieldKind.Any))
        {
            violations.Add(InvalidValue(path, field.Label, value));
            return (false, null);
        }

        return (node is not null || field.Kind == FieldKind.Value, node);
    }

    private JsonObject? ReadAny(JsonNode? value, string path, List<FieldViolation> violations)
    {
        const string prefix = "type.googleapis.com/";
        if (value is not JsonObject any || any["@type"] is not JsonValue type || type.GetValueKind() != JsonValueKind.String)
        {
            violations.Add(new FieldViolation(path, $"Invalid value at '{path}' (type.googleapis.com/google.protobuf.Any), {Show(value)}: an object with \"@type\" is expected."));
            return null;
        }

        var url = type.GetValue<string>();
        var message = url.StartsWith(prefix, StringComparison.Ordinal) ? schema.FindMessage(url[prefix.Length..]) : null;
        if (message is null)
        {
            violations.Add(new FieldViolation(path, $"Invalid value at '{path}' (type.googleapis.com/google.protobuf.Any): the type \"{url}\" is not known."));
            return null;
        }

        var body = new JsonObject(any.Where(p => p.Key != "@type").Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())));
        var copy = ReadMessage(body, message, path, violations) ?? [];
        var withType = new JsonObject { ["@type"] = url };
        foreach (var (name, field) in copy)
        {
            withType[name] = field?.DeepClone();
        }

        return withType;
    }

    private static FieldViolation InvalidValue(string path, string label, JsonNode? value) =>
        new(path, $"Invalid value at '{path}' ({label}), {Show(value)}");

    private static string Show(JsonNode? value) => value?.ToJsonString() ?? "null";

    private static string Join(string path, string name) => path.Length == 0 ? name : path + "." + name;
}
