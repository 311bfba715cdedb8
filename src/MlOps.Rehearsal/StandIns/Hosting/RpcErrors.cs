using System.Text.Json.Nodes;
using MlOps.Rehearsal.StandIns.Schema;

namespace MlOps.Rehearsal.StandIns.Hosting;

/// <summary>The errors the stand-in answers, worded as Google's are.</summary>
internal static class RpcErrors
{
    private const string SignInHelp = "Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.";

    /// <summary><c>The Model "projects/p/locations/l/models/m" does not exist.</c></summary>
    public static RpcException NotFound(string kind, string name) => new(RpcCode.NotFound, $"The {kind} \"{name}\" does not exist.");

    public static RpcException AlreadyExists(string kind, string name) => new(RpcCode.AlreadyExists, $"The {kind} \"{name}\" already exists.");

    public static RpcException FailedPrecondition(string message) => new(RpcCode.FailedPrecondition, message);

    /// <param name="resource">A resource name relative to its service, e.g. <c>projects/p/locations/l</c>.</param>
    public static RpcException PermissionDenied(string permission, string resource, string? message = null)
    {
        var domain = ServiceOf(permission);
        return new RpcException(
            RpcCode.PermissionDenied,
            message ?? $"Permission '{permission}' denied on resource '//{domain}/{resource}' (or it may not exist).",
            [ErrorInfo("IAM_PERMISSION_DENIED", domain, new JsonObject { ["permission"] = permission, ["resource"] = resource })]);
    }

    /// <param name="missing">No credential at all, rather than one Google would not accept.</param>
    public static RpcException Unauthenticated(bool missing, string rpc, string permission) => new(
        RpcCode.Unauthenticated,
        (missing ? "Request is missing required authentication credential. " : "Request had invalid authentication credentials. ") + SignInHelp,
        [ErrorInfo(missing ? "CREDENTIALS_MISSING" : "ACCESS_TOKEN_TYPE_UNSUPPORTED", "googleapis.com", new JsonObject { ["service"] = ServiceOf(permission), ["method"] = rpc })])
    {
        Headers = new Dictionary<string, string>
        {
            ["WWW-Authenticate"] = missing ? "Bearer realm=\"https://accounts.google.com/\"" : "Bearer realm=\"https://accounts.google.com/\", error=\"invalid_token\"",
        },
    };

    /// <summary>What the JSON transcoder refuses (unknown names, wrong types): each problem on its own line, as Google lists them.</summary>
    public static RpcException InvalidPayload(IReadOnlyList<FieldViolation> violations) =>
        new(RpcCode.InvalidArgument, string.Join('\n', violations.Select(v => v.Description)), [BadRequest(violations)]);

    /// <summary>What the service refuses (a required field unset, a value out of range), in Vertex AI's "List of found errors" form.</summary>
    public static RpcException InvalidArgument(IReadOnlyList<FieldViolation> violations) =>
        new(RpcCode.InvalidArgument, "List of found errors:\t" + string.Concat(violations.Select((v, i) => $"{i + 1}.Field: {v.Field}; Message: {v.Description}\t")), [BadRequest(violations)]);

    public static RpcException InvalidArgument(string field, string description) => InvalidArgument([new FieldViolation(field, description)]);

    /// <summary>What a service refuses in its own words, every field it names also in a google.rpc.BadRequest.</summary>
    public static RpcException InvalidArgument(string message, IReadOnlyList<FieldViolation> violations) =>
        new(RpcCode.InvalidArgument, message, [BadRequest(violations)]);

    /// <summary>A google.rpc.Status, as an operation's or a job's <c>error</c>.</summary>
    public static JsonObject Status(RpcCode code, string message) => new() { ["code"] = (int)code, ["message"] = message };

    /// <summary><c>aiplatform.googleapis.com</c> for <c>aiplatform.models.get</c>.</summary>
    public static string ServiceOf(string permission) => permission[..permission.IndexOf('.')] + ".googleapis.com";

    private static JsonObject ErrorInfo(string reason, string domain, JsonObject metadata) => new()
    {
        ["@type"] = "type.googleapis.com/google.rpc.ErrorInfo",
        ["reason"] = reason,
        ["domain"] = domain,
        ["metadata"] = metadata,
    };

    private static JsonObject BadRequest(IReadOnlyList<FieldViolation> violations) => new()
    {
        ["@type"] = "type.googleapis.com/google.rpc.BadRequest",
        ["fieldViolations"] = new JsonArray(violations.Select(v => (JsonNode)new JsonObject { ["field"] = v.Field, ["description"] = v.Description }).ToArray()),
    };
}
