using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace MlOps.StandIns.Tests;

/// <summary>What the stand-in answered: status, JSON body and headers.</summary>
internal sealed record GoogleAnswer(HttpStatusCode Status, JsonNode? Json, HttpResponseHeaders Headers)
{
    /// <summary>The body of a 200, or a failure that shows what came instead.</summary>
    public JsonNode Ok => Status == HttpStatusCode.OK ? Json! : throw new Xunit.Sdk.XunitException($"Expected 200, got {(int)Status}: {Json?.ToJsonString()}");

    /// <summary>The <c>error</c> of an error answer.</summary>
    public JsonNode Error => Json?["error"] ?? throw new Xunit.Sdk.XunitException($"Expected an error, got {(int)Status}: {Json?.ToJsonString()}");

    public string Message => Error["message"]!.GetValue<string>();

    /// <summary>The <c>field</c> of every google.rpc.BadRequest field violation.</summary>
    public IReadOnlyList<string> ViolatedFields =>
    [
        .. Error["details"]!.AsArray()
            .Where(d => d!["@type"]!.GetValue<string>() == "type.googleapis.com/google.rpc.BadRequest")
            .SelectMany(d => d!["fieldViolations"]!.AsArray())
            .Select(v => v!["field"]!.GetValue<string>()),
    ];
}
