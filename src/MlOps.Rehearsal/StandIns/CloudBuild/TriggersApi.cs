using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MlOps.Rehearsal.StandIns.Common;
using MlOps.Rehearsal.StandIns.Hosting;
using MlOps.Rehearsal.StandIns.Routing;
using MlOps.Rehearsal.StandIns.Schema;

namespace MlOps.Rehearsal.StandIns.CloudBuild;

/// <summary>CloudBuild.RunBuildTrigger and CloudBuild.ReceiveTriggerWebhook, on the regional bindings (<c>…/locations/*/triggers/*</c>).</summary>
internal sealed class TriggersApi(CloudBuildState state, BuildRunner runner)
{
    /// <summary>Answers the operation of a QUEUED build, then runs it on the branch the source names (the trigger's when it names none).</summary>
    public Task<JsonNode> RunAsync(StandInCall call, CancellationToken cancellationToken)
    {
        var request = call.Request;
        var name = request.Str("name")!;
        var source = request.Obj("source");
        var violations = new List<FieldViolation>();
        CheckProject(request, name, violations);
        foreach (var field in new[] { "projectId", "repoName", "dir", "tagName" })
        {
            if (source.Str(field) is not null)
            {
                throw CloudBuildErrors.Unimplemented("source." + field);
            }
        }

        if (source?["invertRegex"]?.GetValue<bool>() == true)
        {
            throw CloudBuildErrors.Unimplemented("source.invertRegex");
        }

        Substitutions.Check(source.Obj("substitutions"), "source.substitutions", violations);
        if (violations.Count > 0)
        {
            throw CloudBuildErrors.InvalidArgument(violations);
        }

        var trigger = Find(name);
        if (request.Str("triggerId") is { } triggerId && triggerId != trigger.Id && triggerId != trigger.Name)
        {
            throw CloudBuildErrors.InvalidArgument([CloudBuildErrors.Disagrees("triggerId", triggerId, name)]);
        }

        // branchName and commitSha are members of one oneof; a commit is built on the trigger's branch.
        var commit = source.Str("commitSha");
        var branch = source.Str("branchName") ?? trigger.Branch;
        return Task.FromResult<JsonNode>(Start(trigger, branch, commit, source.StringMap("substitutions"), payload: null).OperationJson());
    }

    /// <summary>
    /// A webhook event: the trigger must be a webhook trigger and the event carry its secret (missing, 400; another one,
    /// 403) and a JSON payload, which the build's runner is given. Answers the empty ReceiveTriggerWebhookResponse.
    /// </summary>
    public Task<JsonNode> WebhookAsync(StandInCall call, CancellationToken cancellationToken)
    {
        var request = call.Request;
        var name = request.Str("name")!;
        var violations = new List<FieldViolation>();
        CheckProject(request, name, violations);
        if (violations.Count > 0)
        {
            throw CloudBuildErrors.InvalidArgument(violations);
        }

        var trigger = Find(name);
        if (request.Str("trigger") is { } named && named != trigger.Id && named != trigger.Name)
        {
            throw CloudBuildErrors.InvalidArgument([CloudBuildErrors.Disagrees("trigger", named, name)]);
        }

        if (trigger.WebhookSecret is not { } expected)
        {
            throw RpcErrors.FailedPrecondition($"The trigger \"{trigger.Name}\" is not a webhook trigger.");
        }

        if (request.Str("secret") is not { } secret)
        {
            throw CloudBuildErrors.InvalidArgument("secret", "a webhook event must carry the trigger's secret in the secret query parameter");
        }

        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(expected)))
        {
            throw new RpcException(RpcCode.PermissionDenied, $"The secret does not match the secret of the webhook trigger \"{trigger.Name}\".");
        }

        Start(trigger, trigger.Branch, commitSha: null, new Dictionary<string, string>(), Payload(request.Obj("body")));
        return Task.FromResult<JsonNode>(new JsonObject());
    }

    private static void CheckProject(JsonObject request, string name, List<FieldViolation> violations)
    {
        if (request.Str("projectId") is { } projectId && projectId != name.Split('/')[1])
        {
            violations.Add(CloudBuildErrors.Disagrees("projectId", projectId, name));
        }
    }

    private static JsonElement Payload(JsonObject? body)
    {
        var data = Convert.FromBase64String(body.Str("data") ?? "");
        try
        {
            using var document = JsonDocument.Parse(data);
            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw CloudBuildErrors.InvalidArgument("body", $"a webhook event's payload must be JSON: {e.Message}");
        }
    }

    private StandInTrigger Find(string name) =>
        state.Names.IdIn("triggers", name) is { } segment && state.Trigger(segment) is { } trigger ? trigger : throw CloudBuildErrors.NotFound();

    private BuildRecord Start(StandInTrigger trigger, string branch, string? commitSha, IReadOnlyDictionary<string, string> substitutions, JsonElement? payload)
    {
        var options = state.Options;
        var id = Guid.NewGuid().ToString("D");
        var launch = new BuildLaunch(id, trigger, branch, Substitutions.Of(options, id, trigger, branch, commitSha, substitutions), payload);
        var logUrl = $"https://console.cloud.google.com/cloud-build/builds;region={options.Location}/{id}?project={options.ProjectNumber ?? options.Project}";
        lock (state.Gate)
        {
            var build = new BuildRecord($"{state.Names.Location}/builds/{id}", $"{state.Names.Location}/operations/{Guid.NewGuid():D}", options.Project, launch, state.Now, logUrl);
            state.Builds[id] = build;
            state.Operations[build.Operation] = build;
            runner.Start(build);
            return build;
        }
    }
}
