using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// A request the framework could not bind — malformed or mistyped JSON, a wrong content type, an oversize body, an
/// unparsable route or query value — answered as <c>application/problem+json</c> with its status (400, 413 or 415),
/// a <c>detail</c> saying what was wrong and <c>errors</c> keyed by the field: the JSON path of the bad value,
/// <c>body</c> for the document itself, or the parameter's name. Without it such a request gets an empty 400.
/// </summary>
internal sealed partial class BadRequestProblems(IProblemDetailsService problems) : IExceptionHandler
{
    private const int MaxFieldLength = 120;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad || httpContext.Response.HasStarted)
        {
            return false;
        }

        var (field, message) = Describe(bad);
        httpContext.Response.StatusCode = bad.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
            {
                Status = bad.StatusCode,
                Title = bad.StatusCode switch
                {
                    StatusCodes.Status413PayloadTooLarge => "The request body is too large",
                    StatusCodes.Status415UnsupportedMediaType => "The request body is not JSON",
                    _ => "The request could not be read",
                },
                Detail = message,
            },
        });
    }

    /// <summary>
    /// For an answer the framework gives without a body (a 415 from an endpoint that accepts only JSON, a 404 or 405
    /// from routing), written by the status code pages: a 415 names the <c>Content-Type</c> it refused.
    /// </summary>
    public static void Customize(ProblemDetailsContext context)
    {
        if (context.ProblemDetails.Status == StatusCodes.Status415UnsupportedMediaType && context.ProblemDetails is not HttpValidationProblemDetails)
        {
            var sent = context.HttpContext.Request.ContentType;
            var message = $"the body must be sent as application/json, not {(string.IsNullOrEmpty(sent) ? "without a Content-Type" : $"as '{(sent.Length > 80 ? sent[..80] + "…" : sent)}'")}";
            context.ProblemDetails.Detail ??= message;
            context.ProblemDetails.Extensions["errors"] = new Dictionary<string, string[]> { ["Content-Type"] = [message] };
        }
    }

    internal static (string Field, string Message) Describe(BadHttpRequestException bad)
    {
        if (bad.InnerException is JsonException json)
        {
            return (Field(json.Path), $"{WithoutPosition(json.Message)}{Position(json)}");
        }

        if (bad.StatusCode == StatusCodes.Status415UnsupportedMediaType)
        {
            return ("Content-Type", $"{bad.Message} Send application/json.");
        }

        return (Parameter().Match(bad.Message) is { Success: true } match ? match.Groups["name"].Value : "body", bad.Message);
    }

    // "$" is the document itself, "$.newestSnapshots" a property, "$.instances[0].trip_month" one inside.
    private static string Field(string? path)
    {
        var field = path is null or "$" ? "body" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        return field.Length > MaxFieldLength ? field[..MaxFieldLength] + "…" : field.Length == 0 ? "body" : field;
    }

    private static string WithoutPosition(string message) =>
        message.IndexOf(" Path: ", StringComparison.Ordinal) is var at and >= 0 ? message[..at] : message;

    private static string Position(JsonException json) =>
        json.LineNumber is { } line ? $" (line {line + 1}, byte {json.BytePositionInLine + 1})" : "";

    // Failed to bind parameter "int limit" from "abc". / Required parameter "TrainingRequest body" was not provided from body.
    [GeneratedRegex("""parameter "(?:[^" ]+ )?(?<name>[^" ]+)" """, RegexOptions.CultureInvariant)]
    private static partial Regex Parameter();
}
