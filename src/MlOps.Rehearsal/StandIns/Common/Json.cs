using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using MlOps.Rehearsal.StandIns.Schema;

namespace MlOps.Rehearsal.StandIns.Common;

/// <summary>Reading the normalised request messages <see cref="ProtoJsonChecker"/> gives, and building answers.</summary>
internal static class Json
{
    public static string? Str(this JsonNode? node, string name) =>
        node?[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String && value.GetValue<string>() is { Length: > 0 } text ? text : null;

    public static int Int(this JsonNode? node, string name) => node?[name] is JsonValue value && value.TryGetValue<int>(out var number) ? number : 0;

    public static long Long(this JsonNode? node, string name) =>
        long.TryParse(node.Str(name), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) ? number : 0;

    public static JsonObject? Obj(this JsonNode? node, string name) => node?[name] as JsonObject;

    public static JsonArray List(this JsonNode? node, string name) => node?[name] as JsonArray ?? [];

    public static IReadOnlyList<string> Strings(this JsonNode? node, string name) => [.. node.List(name).Select(item => item!.GetValue<string>())];

    public static Dictionary<string, string> StringMap(this JsonNode? node, string name) =>
        (node.Obj(name) ?? []).ToDictionary(entry => entry.Key, entry => entry.Value!.GetValue<string>(), StringComparer.Ordinal);

    public static Dictionary<string, int> IntMap(this JsonNode? node, string name) =>
        (node.Obj(name) ?? []).ToDictionary(entry => entry.Key, entry => entry.Value!.GetValue<int>(), StringComparer.Ordinal);

    public static JsonObject ToJson(this IReadOnlyDictionary<string, string> map) => new(map.Select(e => KeyValuePair.Create(e.Key, (JsonNode?)e.Value)));

    public static JsonObject ToJson(this IReadOnlyDictionary<string, int> map) => new(map.Select(e => KeyValuePair.Create(e.Key, (JsonNode?)e.Value)));

    public static JsonArray ToJson(this IEnumerable<string> items) => new([.. items.Select(item => (JsonNode?)item)]);

    /// <summary>A message in a google.protobuf.Any: its <c>@type</c> first, then its fields.</summary>
    public static JsonObject Typed(string fullName, JsonObject message)
    {
        var typed = new JsonObject { ["@type"] = "type.googleapis.com/" + fullName };
        foreach (var (name, value) in message)
        {
            typed[name] = value?.DeepClone();
        }

        return typed;
    }

    /// <summary>A copy of what the caller sent without the fields only the server sets (AIP-203: ignored on input) and those named.</summary>
    public static JsonObject Input(this JsonObject sent, string message, params string[] without)
    {
        var spec = ProtoSchema.Google.Message(message);
        var input = new JsonObject();
        foreach (var (name, value) in sent)
        {
            if (spec.Find(name) is { IsOutputOnly: false } && !without.Contains(name))
            {
                input[name] = value?.DeepClone();
            }
        }

        return input;
    }

    /// <summary>Copies every field of <paramref name="source"/> into <paramref name="target"/>.</summary>
    public static JsonObject With(this JsonObject target, JsonObject source)
    {
        foreach (var (name, value) in source)
        {
            target[name] = value?.DeepClone();
        }

        return target;
    }
}
