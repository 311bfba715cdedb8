using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using MlOps.Rehearsal.StandIns.Routing;
using MlOps.Rehearsal.StandIns.Schema;

namespace MlOps.Rehearsal.StandIns.Hosting;

/// <summary>
/// Answers every request in the order Google's front end and the service behind it check it: the binding (404 for a
/// URL none of <paramref name="routes"/> takes); an injected fault; the credential (401); the transcoding of path,
/// query and body (400 for an unknown name, a wrong JSON type, an unknown enum value); the project, location and IAM
/// permission (403/404); the REQUIRED fields (400); and then the method, served by <paramref name="apis"/>, whose own
/// answer is checked against its response message before it is sent (500 if the stand-in itself got a shape wrong).
/// Each request is recorded once its answer is written.
/// </summary>
internal sealed class StandInDispatcher<TApis>(StandInService service, IReadOnlyList<StandInRoute<TApis>> routes, TApis apis, FaultBook faults, RequestLog log)
{
    // Google's front end pretty-prints, and escapes no more than JSON needs.
    private static readonly JsonSerializerOptions Pretty = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly ProtoJsonChecker Answers = new(ProtoSchema.Google, ProtoJsonMode.Response);

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value ?? "/";
        var body = await ReadBodyAsync(request, context.RequestAborted);
        string? principal = null;
        RouteMatch? match = null;
        int status;
        try
        {
            match = RouteMatch.Find(routes, request.Method, path);
            faults.ThrowIfDue(request.Method, path, match);
            principal = Authentication.Principal(request.Headers.Authorization, match.Route, service.Principal);
            var message = Transcoder.Transcode(match, request.Query, body, request.ContentType);
            Authorization.Check(match, principal, service);
            CheckRequired(match.Route, message);
            // The match is one of the routes searched, so the cast holds.
            var answer = await ((StandInRoute<TApis>)match.Route).Handler(apis, new StandInCall(message, body, principal), context.RequestAborted);
            status = StatusCodes.Status200OK;
            await WriteAsync(context, status, match.Route.Response is null ? answer : Checked(match.Route, answer), new Dictionary<string, string>());
        }
        catch (RpcException e)
        {
            status = e.HttpStatus;
            await WriteAsync(context, status, e.ToJson(), e.Headers);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            status = 499;
        }
        catch (Exception e)
        {
            status = StatusCodes.Status500InternalServerError;
            await WriteAsync(context, status, new RpcException(RpcCode.Internal, $"The {service.Name} stand-in failed: {e.Message}").ToJson(), new Dictionary<string, string>());
        }

        log.Add(new RecordedRequest(
            request.Method,
            path,
            request.QueryString.Value?.TrimStart('?') ?? "",
            request.Headers.Authorization.ToString() is { Length: > 0 } authorization ? authorization : null,
            principal,
            Parse(body),
            match?.Route.Rule.Key,
            status));
    }

    private static void CheckRequired(StandInRoute route, JsonObject message)
    {
        var violations = new List<FieldViolation>();
        RequiredFields.Check(ProtoSchema.Google, message, ProtoSchema.Google.Message(route.Request), "", route.Opaque, violations);
        if (violations.Count > 0)
        {
            throw RpcErrors.InvalidArgument(violations);
        }
    }

    private static JsonNode Checked(StandInRoute route, JsonNode answer)
    {
        var violations = new List<FieldViolation>();
        var printed = Answers.Read(answer, ProtoSchema.Google.Message(route.Response!), "", violations);
        return violations.Count == 0
            ? printed!
            : throw new InvalidOperationException($"its answer to {route.Rpc} is not a valid {route.Response}: {string.Join(" ", violations.Select(v => v.Description))}");
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }

    private static JsonNode? Parse(byte[] body)
    {
        try
        {
            return body.Length == 0 ? null : JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static async Task WriteAsync(HttpContext context, int status, JsonNode body, IReadOnlyDictionary<string, string> headers)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = "application/json; charset=UTF-8";
        foreach (var (name, value) in headers)
        {
            response.Headers[name] = value;
        }

        await response.WriteAsync(body.ToJsonString(Pretty), context.RequestAborted);
    }
}
