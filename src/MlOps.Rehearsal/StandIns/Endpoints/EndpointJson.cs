using System.Text.Json.Nodes;
using MlOps.Rehearsal.StandIns.Common;
using MlOps.Rehearsal.StandIns.Schema;

namespace MlOps.Rehearsal.StandIns.Endpoints;

/// <summary>Endpoints and deployed models as GetEndpoint answers them.</summary>
internal static class EndpointJson
{
    public static JsonObject Render(EndpointRecord endpoint) =>
        new JsonObject { ["name"] = endpoint.Name }
        .With(endpoint.Sent)
        .With(new JsonObject
        {
            ["deployedModels"] = new JsonArray([.. endpoint.DeployedModels.Select(d => (JsonNode)Render(d))]),
            ["trafficSplit"] = endpoint.TrafficSplit.ToJson(),
            ["etag"] = endpoint.Etag,
            ["createTime"] = ProtoTime.Format(endpoint.CreateTime),
            ["updateTime"] = ProtoTime.Format(endpoint.UpdateTime),
        });

    /// <summary>
    /// <c>model</c> is the model's name without a version and <c>modelVersionId</c> the version deployed, as
    /// endpoint.proto has it; <c>maxReplicaCount</c> is <c>minReplicaCount</c> when it was not given.
    /// </summary>
    public static JsonObject Render(DeployedModelRecord deployed)
    {
        var launch = deployed.Launch;
        var json = new JsonObject { ["id"] = deployed.Id }.With(deployed.Sent).With(new JsonObject
        {
            ["model"] = launch.Model,
            ["modelVersionId"] = launch.ModelVersionId,
            ["displayName"] = deployed.Sent.Str("displayName") ?? deployed.ModelDisplayName,
            ["createTime"] = ProtoTime.Format(deployed.CreateTime),
            ["status"] = new JsonObject
            {
                ["lastUpdateTime"] = ProtoTime.Format(deployed.CreateTime),
                ["availableReplicaCount"] = launch.MinReplicaCount,
            },
        });
        if (json.Obj("dedicatedResources") is { } resources && resources.Int("maxReplicaCount") == 0)
        {
            resources["maxReplicaCount"] = resources.Int("minReplicaCount");
        }

        return json;
    }
}
