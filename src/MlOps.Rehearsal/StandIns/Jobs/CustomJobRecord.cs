using System.Text.Json.Nodes;
using MlOps.Rehearsal.StandIns.Common;
using MlOps.Rehearsal.StandIns.Schema;

namespace MlOps.Rehearsal.StandIns.Jobs;

/// <summary>A custom job: what was sent for it, where it is in its run, and how it ended.</summary>
internal sealed class CustomJobRecord(string id, string name, JsonObject sent, DateTimeOffset createTime)
{
    public string Id { get; } = id;

    public string Name { get; } = name;

    public JsonObject Sent { get; } = sent;

    public string State { get; private set; } = JobStates.Queued;

    public CancellationTokenSource Cancellation { get; } = new();

    public IReadOnlyDictionary<string, string> Labels => Sent.StringMap("labels");

    private DateTimeOffset CreateTime { get; } = createTime;

    private DateTimeOffset UpdateTime { get; set; } = createTime;

    private DateTimeOffset? StartTime { get; set; }

    private DateTimeOffset? EndTime { get; set; }

    private JsonObject? Error { get; set; }

    /// <summary>Moves the job on; RUNNING sets its start time once, a final state its end time (and its error, for FAILED and CANCELLED).</summary>
    public void Enter(string state, DateTimeOffset at, JsonObject? error = null)
    {
        State = state;
        UpdateTime = at;
        StartTime ??= state == JobStates.Running ? at : null;
        if (JobStates.IsFinal(state))
        {
            EndTime = at;
            Error = error;
        }
    }

    public JsonObject ToJson()
    {
        var json = new JsonObject { ["name"] = Name }.With(Sent);
        json["state"] = State;
        json["createTime"] = ProtoTime.Format(CreateTime);
        json["updateTime"] = ProtoTime.Format(UpdateTime);
        if (StartTime is { } start)
        {
            json["startTime"] = ProtoTime.Format(start);
        }

        if (EndTime is { } end)
        {
            json["endTime"] = ProtoTime.Format(end);
        }

        if (Error is not null)
        {
            json["error"] = Error.DeepClone();
        }

        return json;
    }
}
