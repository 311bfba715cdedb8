using System.Net;
using System.Text.Json;

namespace MlOps.Reliability.Tests.Fuzzing;

/// <summary>
/// Whether an answer to a bad request is a proper refusal: a 4xx (400, 404, 405, 409, 413 or 415) whose body says what
/// was wrong — problem+json with <c>errors</c> naming a field for a 400 and a 415, a <c>detail</c> or <c>title</c>
/// otherwise; on the prediction route Vertex AI's <c>error</c> with per-field <c>details</c> for a 400. The one bare
/// answer allowed is Kestrel's 400 for a request target holding <c>%00</c>.
/// </summary>
internal static class Refusal
{
    public static readonly HttpStatusCode[] Accepted =
        [HttpStatusCode.BadRequest, HttpStatusCode.NotFound, HttpStatusCode.MethodNotAllowed, HttpStatusCode.Conflict, HttpStatusCode.RequestEntityTooLarge, HttpStatusCode.UnsupportedMediaType];

    /// <summary>Why the answer is not a proper refusal, or null when it is one.</summary>
    public static string? Problem(bool vertex, string path, HttpStatusCode status, string? mediaType, string body)
    {
        if (!Accepted.Contains(status))
        {
            return $"answered {(int)status}";
        }

        // Kestrel refuses a request target that decodes to a NUL before any of the application runs, with a bare 400.
        if (status == HttpStatusCode.BadRequest && body.Length == 0 && path.Contains("%00", StringComparison.Ordinal))
        {
            return null;
        }

        JsonElement root;
        try
        {
            root = JsonDocument.Parse(body).RootElement.Clone();
        }
        catch (JsonException)
        {
            return $"{(int)status} without a JSON body ({mediaType ?? "no content type"}): '{Shown(body)}'";
        }

        if (mediaType == "application/problem+json")
        {
            return ProblemJson(status, root, body);
        }

        return vertex ? VertexError(status, root, body) : $"{(int)status} as {mediaType ?? "no content type"}, not problem+json: '{Shown(body)}'";
    }

    private static string? ProblemJson(HttpStatusCode status, JsonElement root, string body)
    {
        if (status is HttpStatusCode.BadRequest or HttpStatusCode.UnsupportedMediaType)
        {
            var named = root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object
                && errors.EnumerateObject().Any(e => e.Name.Length > 0 && e.Value.ValueKind == JsonValueKind.Array && e.Value.EnumerateArray().Any(m => m.GetString() is { Length: > 0 }));
            return named ? null : $"{(int)status} problem naming no field: '{Shown(body)}'";
        }

        return Text(root, "detail") || Text(root, "title") ? null : $"{(int)status} problem saying nothing: '{Shown(body)}'";
    }

    private static string? VertexError(HttpStatusCode status, JsonElement root, string body)
    {
        if (!root.TryGetProperty("error", out var error) || !Text(error, "message") || error.GetProperty("code").GetInt32() != (int)status)
        {
            return $"{(int)status} without a Vertex AI error: '{Shown(body)}'";
        }

        if (status == HttpStatusCode.BadRequest
            && !(error.TryGetProperty("details", out var details) && details.EnumerateArray().Any(d => d.TryGetProperty("field", out var f) && f.GetString() is { Length: > 0 })))
        {
            return $"400 naming no field: '{Shown(body)}'";
        }

        return null;
    }

    private static bool Text(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 };

    private static string Shown(string body) => body.Length > 300 ? body[..300] + "…" : body;
}
