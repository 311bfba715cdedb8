using System.Text.Json.Nodes;
using MlOps.Rehearsal.StandIns.Common;
using MlOps.Rehearsal.StandIns.Hosting;
using MlOps.Rehearsal.StandIns.Schema;

namespace MlOps.Rehearsal.StandIns.Operations;

/// <summary>A google.longrunning.Operation whose metadata is one of Vertex AI's (a GenericOperationMetadata, and a deployment stage where it has one).</summary>
internal sealed class OperationRecord(string name, string metadataType, DateTimeOffset createTime)
{
    public string Name { get; } = name;

    public bool Done { get; private set; }

    /// <summary>A DeploymentStage value, for the operations whose metadata has one.</summary>
    public string? DeploymentStage { get; set; }

    private DateTimeOffset CreateTime { get; } = createTime;

    private DateTimeOffset UpdateTime { get; set; } = createTime;

    private JsonObject? Response { get; set; }

    private JsonObject? Error { get; set; }

    public void Complete(OperationResult result, DateTimeOffset at)
    {
        Done = true;
        UpdateTime = at;
        switch (result)
        {
            case OperationSucceeded succeeded:
                Response = succeeded.Response;
                break;
            case OperationFailed failed:
                Error = RpcErrors.Status(failed.Code, failed.Message);
                break;
        }
    }

    public JsonObject ToJson()
    {
        var metadata = new JsonObject
        {
            ["genericMetadata"] = new JsonObject { ["createTime"] = ProtoTime.Format(CreateTime), ["updateTime"] = ProtoTime.Format(UpdateTime) },
        };
        if (DeploymentStage is not null)
        {
            metadata["deploymentStage"] = DeploymentStage;
        }

        var operation = new JsonObject { ["name"] = Name, ["metadata"] = Json.Typed(metadataType, metadata), ["done"] = Done };
        if (Error is not null)
        {
            operation["error"] = Error.DeepClone();
        }

        if (Response is not null)
        {
            operation["response"] = Response.DeepClone();
        }

        return operation;
    }
}
