using System.Text.Json.Nodes;

namespace MlOps.Rehearsal.StandIns.Endpoints;

/// <summary>A model version deployed to an endpoint, with its serving container once that answers its health route.</summary>
internal sealed class DeployedModelRecord(string id, JsonObject sent, ServingLaunch launch, string modelDisplayName, DateTimeOffset createTime)
{
    public string Id { get; } = id;

    /// <summary>The DeployedModel as sent, without what only the server sets.</summary>
    public JsonObject Sent { get; } = sent;

    public ServingLaunch Launch { get; } = launch;

    public string ModelDisplayName { get; } = modelDisplayName;

    public DateTimeOffset CreateTime { get; } = createTime;

    public IServingContainer? Container { get; set; }

    /// <summary>Set once an undeployment is under way: it cannot be undeployed twice.</summary>
    public bool Undeploying { get; set; }
}
