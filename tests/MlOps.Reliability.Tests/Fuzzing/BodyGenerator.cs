using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MlOps.Reliability.Tests.Fuzzing;

/// <summary>
/// Request bodies that are each sure to be refused, generated from a seed: malformed JSON, wrong types, numbers beyond
/// any type, nesting 10,000 deep, 5 MB values, wrong content types, empty bodies, nulls, control and unicode characters
/// and invalid UTF-8, duplicate keys, arrays for objects, bad names and paths, and bad model segments in the route.
/// </summary>
internal sealed class BodyGenerator(int seed)
{
    public const int OversizeBytes = 5 * 1024 * 1024;
    private const string Raw = "@@raw@@";

    private static readonly string[] BadNames =
    [
        "../../outside", "..", "Taxi", "TAXI", "taxi_tips", "taxi tips", " taxi", "taxi\n", "-taxi", "taxi-", "", "1taxi",
        new string('a', 64), "taxi/../x", "%2e%2e%2fx", "taxi;drop table models", "${jndi:ldap://x}", "<script>",
    ];

    // Raw JSON strings: control characters, bidi overrides, homoglyphs, lone surrogates, NUL.
    private static readonly string[] UnicodeLiterals =
    [
        "\"t\\u0000axi\"", "\"\\u0001\\u001f\"", "\"\\ud800\"", "\"x\\udfffy\"", "\"\u202etaxi\"", "\"t\u0430xi\"", "\"ｔａｘｉ\"",
        "\"taxi\u200d\"", "\"e\u0301\"", "\"😀\"", "\"\\u2028\"", "\"\u0000\"", "\"\ufeff\"", "\"\uFFFF\"",
    ];

    private static readonly byte[][] InvalidUtf8 = [[0xC0, 0xAF], [0xFF], [0xED, 0xA0, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xE2, 0x82]];

    private static readonly string[] EscapingPaths =
        ["../../etc/passwd", "/etc/passwd", "file:///etc/passwd", "https://example.com/x", "..", "datasets/../../../x", "../\u0000/x", "/\u0000", "~/../../x"];

    private static readonly string[] HugeNumbers =
        ["1e400", "-1e400", "18446744073709551616", "-9223372036854775809", "340282366920938463463374607431768211456", "1e39", "123456789012345678901234567890"];

    private static readonly string?[] WrongContentTypes =
        ["text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", null, "image/png", "text/html; charset=utf-8", "application/octet-stream"];

    private static readonly string[] BadSegments =
        ["..%2F..%2Fx", "Taxi", "taxi%20tips", "-x", "x-", "taxi_tips", "%00", "%E2%80%AEx", new string('a', 64), "%2e%2e", "a%0Ab", "%C0%AF", "taxi%3Bx", "%F0%9F%98%80"];

    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly Random _random = new(seed);

    private static readonly (string Kind, int Weight)[] Kinds =
    [
        ("malformed JSON", 15), ("wrong type", 14), ("huge number", 8), ("deep nesting", 4), ("wrong content type", 8), ("empty body", 4),
        ("null", 8), ("unicode and control characters", 10), ("invalid UTF-8", 4), ("duplicate key", 6), ("array for object", 5),
        ("bad name or path", 9), ("bad model in the route", 5),
    ];

    public IEnumerable<BodyCase> Generate(int count)
    {
        for (var i = 0; i < count; i++)
        {
            var route = FuzzRoute.All[_random.Next(FuzzRoute.All.Count)];

            // One in two hundred is a 5 MB body: enough to show the limits hold without moving gigabytes.
            yield return i % 200 == 0 ? Oversize(route) : Make(route, Pick());
        }
    }

    private string Pick()
    {
        var roll = _random.Next(Kinds.Sum(k => k.Weight));
        foreach (var (kind, weight) in Kinds)
        {
            if ((roll -= weight) < 0)
            {
                return kind;
            }
        }

        throw new InvalidOperationException("the weights do not cover the roll");
    }

    private BodyCase Make(FuzzRoute route, string kind)
    {
        var template = JsonNode.Parse(route.Template)!;
        if (template is JsonObject { Count: 0 } && kind is "wrong type" or "huge number" or "deep nesting" or "duplicate key")
        {
            // A route whose body is empty JSON: the badness is the body itself.
            return Json(route, kind, Encoding.UTF8.GetBytes(kind switch
            {
                "wrong type" => "42",
                "huge number" => Pick(HugeNumbers),
                "deep nesting" => new string('[', 10_000) + new string(']', 10_000),
                _ => """{"reason":"a","reason":"b"}""",
            }));
        }

        switch (kind)
        {
            case "malformed JSON":
                return Json(route, kind, Malformed(route.Template));
            case "wrong type":
                {
                    var (parent, key) = AnyLeaf(template);
                    Replace(parent, key, WrongType(parent is JsonObject o ? o[(string)key] : ((JsonArray)parent)[(int)key]));
                    return Json(route, kind, template);
                }

            case "huge number":
                return Raws(route, kind, template, Target(route.NumberFields, route, template), Pick(HugeNumbers));
            case "deep nesting":
                {
                    var depth = 10_000;
                    var deep = _random.Next(2) == 0 ? new string('[', depth) + "1" + new string(']', depth) : string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth);
                    return _random.Next(3) == 0 ? Json(route, kind, Encoding.UTF8.GetBytes(deep)) : Raws(route, kind, template, AnyLeafPath(template), deep);
                }

            case "wrong content type":
                return Poisoned(route, kind, template) with { ContentType = Pick(WrongContentTypes) };
            case "empty body":
                return new BodyCase(route, kind, route.Path, [], _random.Next(2) == 0 ? "application/json" : null);
            case "null":
                return route.NullFields.Length == 0 || _random.Next(4) == 0
                    ? Json(route, kind, "null"u8.ToArray())
                    : Raws(route, kind, template, Pick(route.NullFields), "null");
            case "unicode and control characters":
                return route.NameFields.Length == 0 || (route.Segment is not null && _random.Next(3) == 0)
                    ? Segment(route, kind, Pick(["%00", "%E2%80%AEx", "t%D0%B0xi", "%EF%BC%B4", "%F0%9F%98%80", "%01", "taxi%E2%80%8D"]))
                    : Raws(route, kind, template, Pick(route.NameFields), Pick(UnicodeLiterals));
            case "invalid UTF-8":
                {
                    // Inside a value that must be read (a name), else anywhere: a skipped property's bytes are never decoded.
                    if (route.NameFields.Length > 0)
                    {
                        Set(template, Pick(route.NameFields), JsonValue.Create(Raw));
                    }

                    var body = Serialize(template);
                    var placeholder = body.AsSpan().IndexOf(Encoding.UTF8.GetBytes(Raw));
                    var at = placeholder >= 0 ? placeholder : _random.Next(1, body.Length - 1);
                    var rest = placeholder >= 0 ? body.AsSpan(at + Raw.Length) : body.AsSpan(at);
                    return Json(route, kind, [.. body.AsSpan(0, at), .. "t"u8, .. Pick(InvalidUtf8), .. "x"u8, .. rest]);
                }

            case "duplicate key":
                {
                    var text = Encoding.UTF8.GetString(Serialize(template));
                    var first = ((JsonObject)template).First();
                    var duplicate = $"\"{first.Key}\":{(first.Value is null ? "null" : first.Value.ToJsonString())},";
                    return Json(route, kind, Encoding.UTF8.GetBytes(text.Insert(1, duplicate)));
                }

            case "array for object":
                return Json(route, kind, Encoding.UTF8.GetBytes(_random.Next(3) == 0 ? "[]" : $"[{route.Template}]"));
            case "bad name or path":
                return Poisoned(route, kind, template);
            case "bad model in the route":
                return route.Segment is null ? Poisoned(route, kind, template) : Segment(route, kind, Pick(BadSegments));
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "no such kind");
        }
    }

    private BodyCase Oversize(FuzzRoute route)
    {
        var template = JsonNode.Parse(route.Template)!;
        var fields = route.NameFields.Concat(route.PathFields).ToArray();
        var value = fields.Length > 0 ? $"\"{new string('a', OversizeBytes)}\"" : new string('9', OversizeBytes);
        var path = fields.Length > 0 ? Pick(fields) : route.NumberFields.Length > 0 ? Pick(route.NumberFields) : null;
        return path is null
            ? Json(route, "oversize (5 MB)", Encoding.UTF8.GetBytes($"{{\"reason\":\"{new string('a', OversizeBytes)}\"}}"))
            : Raws(route, "oversize (5 MB)", template, path, value);
    }

    // A body with one of the fields that decide whether the request is valid set to a value that is not, or a bad route segment.
    private BodyCase Poisoned(FuzzRoute route, string kind, JsonNode template)
    {
        if (route.NameFields.Length > 0 && (route.PathFields.Length == 0 || _random.Next(2) == 0))
        {
            Set(template, Pick(route.NameFields), JsonValue.Create(Pick(BadNames)));
            return Json(route, kind, template);
        }

        if (route.PathFields.Length > 0)
        {
            Set(template, Pick(route.PathFields), JsonValue.Create(Pick(EscapingPaths)));
            return Json(route, kind, template);
        }

        if (route.NumberFields.Length > 0 && _random.Next(2) == 0)
        {
            return Raws(route, kind, template, Pick(route.NumberFields), Pick(["0", "-1", "-2147483648"]));
        }

        return Segment(route, kind, Pick(BadSegments));
    }

    private BodyCase Segment(FuzzRoute route, string kind, string segment) =>
        new(route, kind, route.PathWith(segment), Encoding.UTF8.GetBytes(route.Template), "application/json");

    private string Target(string[] fields, FuzzRoute route, JsonNode template) =>
        fields.Length > 0 ? Pick(fields) : route.NameFields.Length > 0 ? Pick(route.NameFields) : AnyLeafPath(template);

    private byte[] Malformed(string template)
    {
        while (true)
        {
            var text = _random.Next(8) switch
            {
                0 => template[..(_random.Next(template.Length - 1) + 1)],
                1 => template.Insert(_random.Next(template.Length), Pick(["{", "[", "\"", ",,", ":", "}", "]", "'"])),
                2 => template.Replace(":", "=", StringComparison.Ordinal),
                3 => template.Replace("\"", "'", StringComparison.Ordinal),
                4 => template[..^1] + ",}",
                5 => template.Remove(_random.Next(template.Length), 1),
                6 => Pick(["NaN", "undefined", "{model: taxi}", "<xml/>", "--", "{\"a\":01}", "{\"a\":.5}", "{\"a\":1.}", "{\"a\":+1}", "{\"a\":0x10}", "\"unterminated"]),
                _ => RandomBytes(),
            };
            var bytes = Encoding.UTF8.GetBytes(text);
            if (!Parses(bytes))
            {
                return bytes;
            }
        }
    }

    private string RandomBytes()
    {
        var chars = new char[_random.Next(1, 200)];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = (char)_random.Next(1, 128);
        }

        return new string(chars);
    }

    private static bool Parses(byte[] bytes)
    {
        try
        {
            using var _ = JsonDocument.Parse(bytes);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private JsonNode WrongType(JsonNode? current) => current?.GetValueKind() switch
    {
        JsonValueKind.String => _random.Next(3) switch { 0 => JsonValue.Create(42), 1 => JsonValue.Create(true), _ => new JsonObject { ["x"] = 1 } },
        JsonValueKind.Number => _random.Next(3) switch { 0 => JsonValue.Create("seven"), 1 => JsonValue.Create(false), _ => new JsonArray(1, 2) },
        JsonValueKind.True or JsonValueKind.False => _random.Next(2) == 0 ? JsonValue.Create("yes") : JsonValue.Create(1),
        JsonValueKind.Array => _random.Next(2) == 0 ? JsonValue.Create("list") : new JsonObject { ["0"] = 1 },
        _ => JsonValue.Create("object"),
    };

    private (JsonNode Parent, object Key) AnyLeaf(JsonNode root)
    {
        var leaves = new List<(JsonNode, object)>();
        Collect(root, leaves);
        return leaves[_random.Next(leaves.Count)];
    }

    private string AnyLeafPath(JsonNode root)
    {
        var (parent, key) = AnyLeaf(root);
        var path = parent.GetPath().TrimStart('$').Replace("[", ".", StringComparison.Ordinal).Replace("]", "", StringComparison.Ordinal).Replace("['", "", StringComparison.Ordinal).TrimStart('.');
        return path.Length == 0 ? key.ToString()! : $"{path}.{key}";
    }

    private static void Collect(JsonNode node, List<(JsonNode, object)> leaves)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, child) in o.ToList())
                {
                    leaves.Add((o, key));
                    if (child is JsonObject or JsonArray)
                    {
                        Collect(child, leaves);
                    }
                }

                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    leaves.Add((a, i));
                    if (a[i] is JsonObject or JsonArray)
                    {
                        Collect(a[i]!, leaves);
                    }
                }

                break;
        }
    }

    private static void Replace(JsonNode parent, object key, JsonNode? value)
    {
        if (parent is JsonObject o)
        {
            o[(string)key] = value;
        }
        else
        {
            ((JsonArray)parent)[(int)key] = value;
        }
    }

    // Paths are dotted: "versions.0.model", "instances.1.payment_type".
    private static void Set(JsonNode root, string path, JsonNode? value)
    {
        var parts = path.Split('.');
        var node = root;
        foreach (var part in parts[..^1])
        {
            node = int.TryParse(part, out var index) ? node[index]! : node[part]!;
        }

        Replace(node, int.TryParse(parts[^1], out var last) && node is JsonArray ? last : parts[^1], value);
    }

    private BodyCase Raws(FuzzRoute route, string kind, JsonNode template, string path, string raw)
    {
        Set(template, path, JsonValue.Create(Raw));
        var text = Encoding.UTF8.GetString(Serialize(template));
        return Json(route, kind, Encoding.UTF8.GetBytes(text.Replace($"\"{Raw}\"", raw, StringComparison.Ordinal)));
    }

    private static byte[] Serialize(JsonNode node) => JsonSerializer.SerializeToUtf8Bytes(node, Relaxed);

    private static BodyCase Json(FuzzRoute route, string kind, JsonNode node) => Json(route, kind, Serialize(node));

    private static BodyCase Json(FuzzRoute route, string kind, byte[] body) => new(route, kind, route.Path, body, "application/json");

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];
}
