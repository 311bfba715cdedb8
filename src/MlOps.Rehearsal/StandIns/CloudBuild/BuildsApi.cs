using System.Text.Json.Nodes;
using MlOps.Rehearsal.StandIns.Common;
using MlOps.Rehearsal.StandIns.Routing;
using MlOps.Rehearsal.StandIns.Schema;

namespace MlOps.Rehearsal.StandIns.CloudBuild;

/// <summary>CloudBuild.GetBuild and CloudBuild.CancelBuild, and google.longrunning.Operations.GetOperation for the operations of builds.</summary>
internal sealed class BuildsApi(CloudBuildState state)
{
    public Task<JsonNode> GetAsync(StandInCall call, CancellationToken cancellationToken)
    {
        lock (state.Gate)
        {
            return Task.FromResult<JsonNode>(Find(call.Request).ToJson());
        }
    }

    /// <summary>A build still QUEUED or WORKING ends CANCELLED at once; one that has ended is answered as it is.</summary>
    public Task<JsonNode> CancelAsync(StandInCall call, CancellationToken cancellationToken)
    {
        BuildRecord build;
        bool cancelled;
        lock (state.Gate)
        {
            build = Find(call.Request);
            cancelled = !BuildStatuses.IsFinal(build.Status);
            build.Enter(BuildStatuses.Cancelled, state.Now);
        }

        // Outside the gate: cancellation runs the run's callbacks, which may take it.
        if (cancelled)
        {
            build.Cancellation.Cancel();
        }

        lock (state.Gate)
        {
            return Task.FromResult<JsonNode>(build.ToJson());
        }
    }

    public Task<JsonNode> GetOperationAsync(StandInCall call, CancellationToken cancellationToken)
    {
        lock (state.Gate)
        {
            return state.Operations.TryGetValue(call.Request.Str("name")!, out var build)
                ? Task.FromResult<JsonNode>(build.OperationJson())
                : throw CloudBuildErrors.NotFound();
        }
    }

    private BuildRecord Find(JsonObject request)
    {
        var name = request.Str("name")!;
        var violations = new List<FieldViolation>();
        if (request.Str("projectId") is { } projectId && projectId != name.Split('/')[1])
        {
            violations.Add(CloudBuildErrors.Disagrees("projectId", projectId, name));
        }

        var id = state.Names.IdIn("builds", name);
        if (request.Str("id") is { } given && given != id)
        {
            violations.Add(CloudBuildErrors.Disagrees("id", given, name));
        }

        if (violations.Count > 0)
        {
            throw CloudBuildErrors.InvalidArgument(violations);
        }

        return id is not null && state.Builds.TryGetValue(id, out var build) ? build : throw CloudBuildErrors.NotFound();
    }
}
