using System.Text.Json.Nodes;
using MlOps.Rehearsal.StandIns.Common;
using MlOps.Rehearsal.StandIns.Hosting;
using MlOps.Rehearsal.StandIns.Schema;
using static MlOps.Rehearsal.StandIns.Schema.Protos.CloudBuildProtos;

namespace MlOps.Rehearsal.StandIns.CloudBuild;

/// <summary>
/// A build and the long-running operation that follows it: what it was started with, where it is in its run (QUEUED,
/// WORKING, then SUCCESS, FAILURE, INTERNAL_ERROR or CANCELLED) and how it ended. The operation is done once the build
/// is: with the build as its response after SUCCESS, with an error otherwise, as Cloud Build reports a build that did
/// not succeed; its metadata carries the build either way.
/// </summary>
internal sealed class BuildRecord(string name, string operation, string projectId, BuildLaunch launch, DateTimeOffset createTime, string logUrl)
{
    public string Name { get; } = name;

    public string Operation { get; } = operation;

    public BuildLaunch Launch { get; } = launch;

    public string Status { get; private set; } = BuildStatuses.Queued;

    public CancellationTokenSource Cancellation { get; } = new();

    private string? StatusDetail { get; set; }

    private BuildRunOutcome.Failed? Failure { get; set; }

    private DateTimeOffset? StartTime { get; set; }

    private DateTimeOffset? FinishTime { get; set; }

    /// <summary>Moves the build on; WORKING sets its start time, a final status its finish time and what it says. A final build stays as it is.</summary>
    public void Enter(string status, DateTimeOffset at, string? detail = null, BuildRunOutcome.Failed? failure = null)
    {
        if (BuildStatuses.IsFinal(Status))
        {
            return;
        }

        Status = status;
        StartTime ??= status == BuildStatuses.Working ? at : null;
        if (BuildStatuses.IsFinal(status))
        {
            FinishTime = at;
            StatusDetail = detail;
            Failure = failure;
        }
    }

    public StandInBuild Snapshot() => new(Name, Launch, Status, StatusDetail);

    /// <summary>The google.devtools.cloudbuild.v1.Build.</summary>
    public JsonObject ToJson()
    {
        var build = new JsonObject
        {
            ["name"] = Name,
            ["id"] = Launch.BuildId,
            ["projectId"] = projectId,
            ["status"] = Status,
            ["createTime"] = ProtoTime.Format(createTime),
        };
        if (StatusDetail is not null)
        {
            build["statusDetail"] = StatusDetail;
        }

        if (StartTime is { } start)
        {
            build["startTime"] = ProtoTime.Format(start);
        }

        if (FinishTime is { } finish)
        {
            build["finishTime"] = ProtoTime.Format(finish);
        }

        build["buildTriggerId"] = Launch.Trigger.Id;
        build["logUrl"] = logUrl;
        build["substitutions"] = Launch.Substitutions.ToJson();
        build["tags"] = new JsonArray($"trigger-{Launch.Trigger.Id}");
        if (Failure is { } failure)
        {
            build["failureInfo"] = new JsonObject { ["type"] = failure.Type.WireName(), ["detail"] = failure.Detail };
        }

        return build;
    }

    /// <summary>The google.longrunning.Operation whose metadata is a BuildOperationMetadata.</summary>
    public JsonObject OperationJson()
    {
        var build = ToJson();
        var json = new JsonObject
        {
            ["name"] = Operation,
            ["metadata"] = Json.Typed(V1 + "BuildOperationMetadata", new JsonObject { ["build"] = build.DeepClone() }),
            ["done"] = BuildStatuses.IsFinal(Status),
        };
        switch (Status)
        {
            case BuildStatuses.Success:
                json["response"] = Json.Typed(V1 + "Build", build);
                break;
            case BuildStatuses.Failure or BuildStatuses.InternalError:
                json["error"] = RpcErrors.Status(RpcCode.Unknown, "Build failed; check build logs for details");
                break;
            case BuildStatuses.Cancelled:
                json["error"] = RpcErrors.Status(RpcCode.Cancelled, "Build was cancelled");
                break;
        }

        return json;
    }
}
