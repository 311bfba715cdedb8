using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace MlOps.Rehearsal.StandIns.Schema;

/// <summary>
/// Scalar fields in proto3 JSON: what a parser accepts for each kind (a number or a string of digits for an integer,
/// NaN and the infinities as strings, an enum by name), what the printer writes, and which values it leaves out.
/// </summary>
internal static partial class ProtoJsonScalars
{
    public static JsonNode? Read(JsonNode? value, FieldSpec field, ProtoSchema schema, ProtoJsonMode mode)
    {
        if (value is not JsonValue scalar)
        {
            return null;
        }

        var kind = scalar.GetValueKind();
        var text = kind == JsonValueKind.String ? scalar.GetValue<string>() : null;
        return field.Kind switch
        {
            FieldKind.String => text is null ? null : JsonValue.Create(text),
            FieldKind.Bool => kind is JsonValueKind.True or JsonValueKind.False ? JsonValue.Create(kind == JsonValueKind.True) : null,
            FieldKind.Int32 => Integer(scalar, kind, text) is { } i && i is >= int.MinValue and <= int.MaxValue && (mode == ProtoJsonMode.Request || text is null) ? JsonValue.Create((int)i) : null,
            FieldKind.Int64 => Integer(scalar, kind, text) is { } l && (mode == ProtoJsonMode.Request || text is not null) ? JsonValue.Create(l.ToString(CultureInfo.InvariantCulture)) : null,
            FieldKind.Double => ReadDouble(scalar, kind, text, mode),
            FieldKind.Bytes => text is not null && IsBase64(text, mode) ? JsonValue.Create(text) : null,
            FieldKind.Enum => text is not null && schema.Enum(field.TypeName!).Contains(text) ? JsonValue.Create(text) : null,
            FieldKind.Timestamp => text is not null && ProtoTime.IsTimestamp(text, requireUtc: mode == ProtoJsonMode.Response) ? JsonValue.Create(text) : null,
            FieldKind.Duration => text is not null && Duration().IsMatch(text) ? JsonValue.Create(text) : null,
            FieldKind.FieldMask => text is null ? null : JsonValue.Create(string.Join(',', text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(ProtoNames.ToJsonPath))),
            _ => null,
        };
    }

    private static long? Integer(JsonValue scalar, JsonValueKind kind, string? text) => kind switch
    {
        JsonValueKind.Number when scalar.TryGetValue<JsonElement>(out var element) && element.TryGetInt64(out var number) => number,
        JsonValueKind.String when IntegerText().IsMatch(text!) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => null,
    };

    private static JsonNode? ReadDouble(JsonValue scalar, JsonValueKind kind, string? text, ProtoJsonMode mode)
    {
        if (kind == JsonValueKind.Number && scalar.TryGetValue<JsonElement>(out var element))
        {
            return JsonValue.Create(element.GetDouble());
        }

        // NaN and the infinities are strings in proto3 JSON; a parser also takes a number written as a string.
        return text switch
        {
            "NaN" or "Infinity" or "-Infinity" => JsonValue.Create(text),
            not null when mode == ProtoJsonMode.Request && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => JsonValue.Create(parsed),
            _ => null,
        };
    }

    /// <summary>The printer writes the standard alphabet with padding; a parser also takes the URL-safe one, padding optional.</summary>
    private static bool IsBase64(string text, ProtoJsonMode mode)
    {
        var standard = mode == ProtoJsonMode.Request ? text.Replace('-', '+').Replace('_', '/') : text;
        if (mode == ProtoJsonMode.Request && standard.Length % 4 != 0)
        {
            standard = standard.PadRight(standard.Length + 4 - (standard.Length % 4), '=');
        }

        return Convert.TryFromBase64String(standard, new byte[standard.Length], out _);
    }

    public static bool IsDefault(JsonNode? node, FieldSpec field, ProtoSchema schema) => field.Cardinality switch
    {
        FieldCardinality.Repeated => node is JsonArray { Count: 0 },
        FieldCardinality.Map => node is JsonObject { Count: 0 },
        _ => field.Kind switch
        {
            FieldKind.String or FieldKind.Bytes => node?.GetValue<string>() == "",
            FieldKind.Int64 => node?.GetValue<string>() == "0",
            FieldKind.Int32 => node?.GetValue<int>() == 0,
            FieldKind.Bool => node?.GetValue<bool>() == false,
            FieldKind.Double => node is JsonValue d && d.TryGetValue<double>(out var number) && number == 0,
            FieldKind.Enum => node?.GetValue<string>() == schema.Enum(field.TypeName!).Default,
            _ => false,
        },
    };

    [GeneratedRegex(@"^-?\d+(\.\d{1,9})?s$")]
    private static partial Regex Duration();

    [GeneratedRegex(@"^-?\d+$")]
    private static partial Regex IntegerText();
}
