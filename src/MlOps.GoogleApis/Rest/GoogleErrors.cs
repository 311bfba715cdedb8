using System.Net;
using System.Text.Json;

namespace MlOps.GoogleApis.Rest;

/// <summary>Reads Google's JSON error body (<c>{"error":{"code","message","status","details"}}</c>) into a <see cref="GoogleApiException"/> that says what to do.</summary>
internal static class GoogleErrors
{
    public static GoogleApiException From(string api, HttpMethod method, string path, HttpStatusCode code, string body)
    {
        string? message = null, status = null, permission = null, resource = null;
        var violations = new List<string>();
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
            {
                message = Text(error, "message");
                status = Text(error, "status");
                if (error.TryGetProperty("details", out var details) && details.ValueKind == JsonValueKind.Array)
                {
                    foreach (var detail in details.EnumerateArray())
                    {
                        if (detail.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object)
                        {
                            permission ??= Text(metadata, "permission");
                            resource ??= Text(metadata, "resource");
                        }

                        if (detail.TryGetProperty("fieldViolations", out var fields) && fields.ValueKind == JsonValueKind.Array)
                        {
                            violations.AddRange(fields.EnumerateArray().Select(f => $"{Text(f, "field")}: {Text(f, "description")}"));
                        }
                    }
                }
            }
        }
        catch (JsonException)
        {
            message = body.Length > 300 ? body[..300] : body;
        }

        var what = $"{api} refused {method} {path}: {(int)code} {status ?? code.ToString()}";
        var advice = code switch
        {
            HttpStatusCode.Forbidden when permission is not null => $" — the service's account lacks '{permission}'{(resource is null ? "" : $" on {resource}")}; `mlops env bootstrap` grants it",
            HttpStatusCode.Forbidden => " — the service's account lacks a permission for this call, or the resource does not exist; `mlops env bootstrap` lists the roles each account needs",
            HttpStatusCode.Unauthorized => " — the access token was refused: check the service's credentials",
            HttpStatusCode.NotFound => " — the resource does not exist (or was deleted)",
            _ => "",
        };
        var fieldsText = violations.Count == 0 ? "" : $" ({string.Join("; ", violations)})";
        return new GoogleApiException($"{what}: {message ?? "no message"}{fieldsText}{advice}", code, status, permission, resource, violations);
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
