using System.Text.Json.Nodes;
using MlOps.Rehearsal.StandIns.Common;

namespace MlOps.Rehearsal.StandIns.Endpoints;

/// <summary>An endpoint: what was sent for it (display name, description, labels), its deployed models and their traffic split.</summary>
internal sealed class EndpointRecord(string id, string name, JsonObject sent, DateTimeOffset createTime)
{
    public string Id { get; } = id;

    public string Name { get; } = name;

    public JsonObject Sent { get; } = sent;

    public DateTimeOffset CreateTime { get; } = createTime;

    public DateTimeOffset UpdateTime { get; set; } = createTime;

    /// <summary>Whether its CreateEndpoint operation is done; until then it does not exist for callers.</summary>
    public bool Ready { get; set; }

    public List<DeployedModelRecord> DeployedModels { get; } = [];

    public Dictionary<string, int> TrafficSplit { get; set; } = new(StringComparer.Ordinal);

    public string Etag => Etags.Of(Name, UpdateTime);
}
