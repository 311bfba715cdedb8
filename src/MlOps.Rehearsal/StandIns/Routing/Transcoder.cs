using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using MlOps.Rehearsal.StandIns.Hosting;
using MlOps.Rehearsal.StandIns.Schema;

namespace MlOps.Rehearsal.StandIns.Routing;

/// <summary>
/// Turns an HTTP request into its request message as Google's JSON transcoding does: the body into the field the
/// binding names (or the whole message for <c>*</c>), each query parameter into the field its dotted name reaches,
/// the path variables into their fields; a body bound to a google.api.HttpBody field is taken as it came, its content
/// type and bytes. Whatever the transcoder would refuse is refused here, all at once.
/// </summary>
internal static class Transcoder
{
    private const string HttpBody = "google.api.HttpBody";

    private static readonly ProtoJsonChecker Requests = new(ProtoSchema.Google, ProtoJsonMode.Request);

    /// <summary>Google's system parameters the stand-in takes; <c>alt</c> only as <c>json</c>.</summary>
    private static readonly HashSet<string> SystemParameters = ["alt", "$alt", "prettyPrint", "$.xgafv"];

    public static JsonObject Transcode(RouteMatch match, IQueryCollection query, byte[] body, string? contentType)
    {
        var route = match.Route;
        var schema = ProtoSchema.Google;
        var spec = schema.Message(route.Request);
        var violations = new List<FieldViolation>();
        var request = route.Body is null ? [] : ReadBody(route, spec, body, contentType, violations);
        foreach (var (name, values) in query)
        {
            ReadParameter(route, spec, name, values.ToArray(), request, violations);
        }

        if (violations.Count > 0)
        {
            throw RpcErrors.InvalidPayload(violations);
        }

        foreach (var (field, value) in match.PathValues)
        {
            Set(request, ProtoNames.ToJsonPath(field), JsonValue.Create(value));
        }

        return request;
    }

    private static JsonObject ReadBody(StandInRoute route, MessageSpec spec, byte[] body, string? contentType, List<FieldViolation> violations)
    {
        if (body.Length == 0)
        {
            return [];
        }

        if (route.Body != "*" && spec.Find(route.Body!) is { TypeName: HttpBody } raw)
        {
            return new JsonObject { [raw.JsonName] = new JsonObject { ["contentType"] = contentType ?? "", ["data"] = System.Convert.ToBase64String(body) } };
        }

        if (!MediaTypeHeaderValue.TryParse(contentType, out var mediaType) || !string.Equals(mediaType.MediaType, "application/json", StringComparison.OrdinalIgnoreCase))
        {
            throw new RpcException(RpcCode.InvalidArgument, $"Invalid JSON payload received. The body is sent as \"{contentType}\"; this method takes application/json.");
        }

        JsonNode? node;
        try
        {
            node = JsonNode.Parse(body);
        }
        catch (JsonException e)
        {
            throw new RpcException(RpcCode.InvalidArgument, "Invalid JSON payload received. Unexpected token.\n" + e.Message);
        }

        if (route.Body == "*")
        {
            return Requests.Read(node, spec, "", violations) ?? [];
        }

        var field = spec.Find(route.Body!)!;
        var request = new JsonObject();
        if (Requests.Read(node, ProtoSchema.Google.Message(field.TypeName!), field.JsonName, violations) is { } message)
        {
            request[field.JsonName] = message;
        }

        return request;
    }

    private static void ReadParameter(StandInRoute route, MessageSpec spec, string name, string?[] values, JsonObject request, List<FieldViolation> violations)
    {
        if (SystemParameters.Contains(name))
        {
            if (name.EndsWith("alt", StringComparison.Ordinal) && values.Any(v => v != "json"))
            {
                violations.Add(new FieldViolation(name, $"The stand-in answers only alt=json, not alt={string.Join(",", values)}."));
            }

            return;
        }

        var field = Resolve(route, spec, name, out var path);
        if (field is null)
        {
            violations.Add(new FieldViolation(name, $"Invalid JSON payload received. Unknown name \"{name}\": Cannot bind query parameter. Field '{name}' could not be found in request message."));
            return;
        }

        if (field.Cardinality == FieldCardinality.Single && values.Length > 1)
        {
            violations.Add(new FieldViolation(path, $"Invalid value at '{path}': {values.Length} values given for a field that is not repeated."));
            return;
        }

        var converted = new JsonArray();
        foreach (var value in values)
        {
            if (Convert(value ?? "", field) is { } node)
            {
                converted.Add(node);
            }
            else
            {
                violations.Add(new FieldViolation(path, $"Invalid value at '{path}' ({field.Label}), \"{value}\""));
            }
        }

        if (converted.Count == values.Length)
        {
            Set(request, path, field.Cardinality == FieldCardinality.Repeated ? converted : converted[0]!.DeepClone());
        }
    }

    /// <summary>The primitive field a query parameter names, unless the path or the body binds it.</summary>
    private static FieldSpec? Resolve(StandInRoute route, MessageSpec spec, string name, out string path)
    {
        path = "";
        if (route.Body == "*")
        {
            return null;
        }

        var message = spec;
        FieldSpec? field = null;
        var parts = name.Split('.');
        for (var i = 0; i < parts.Length; i++)
        {
            field = message.Find(parts[i]);
            if (field is null || field.Cardinality == FieldCardinality.Map)
            {
                return null;
            }

            path = path.Length == 0 ? field.JsonName : path + "." + field.JsonName;
            var last = i == parts.Length - 1;
            if (!last && (field.Kind != FieldKind.Message || field.Cardinality != FieldCardinality.Single))
            {
                return null;
            }

            if (!last)
            {
                message = ProtoSchema.Google.Message(field.TypeName!);
            }
        }

        var bound = path;
        var byPath = route.Rule.BoundFields.Any(f => ProtoNames.ToJsonPath(f) == bound);
        var byBody = route.Body is not null && (bound + ".").StartsWith(ProtoNames.ToJsonName(route.Body) + ".", StringComparison.Ordinal);
        return field!.Kind is FieldKind.Message or FieldKind.Any or FieldKind.Value or FieldKind.Struct || byPath || byBody ? null : field;
    }

    /// <summary>A query value as its field's JSON value: bools and numbers parsed, everything else read as the JSON string it would be in a body.</summary>
    private static JsonNode? Convert(string text, FieldSpec field) => field.Kind switch
    {
        FieldKind.Bool => text is "true" or "false" ? JsonValue.Create(text == "true") : null,
        FieldKind.Int32 => int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i) ? JsonValue.Create(i) : null,
        FieldKind.Int64 => long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) ? JsonValue.Create(l.ToString(CultureInfo.InvariantCulture)) : null,
        FieldKind.Double => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? JsonValue.Create(d) : null,
        _ => ProtoJsonScalars.Read(JsonValue.Create(text), field, ProtoSchema.Google, ProtoJsonMode.Request),
    };

    private static void Set(JsonObject request, string path, JsonNode? value)
    {
        var parts = path.Split('.');
        var target = request;
        foreach (var part in parts[..^1])
        {
            if (target[part] is not JsonObject next)
            {
                next = [];
                target[part] = next;
            }

            target = next;
        }

        target[parts[^1]] = value;
    }
}
