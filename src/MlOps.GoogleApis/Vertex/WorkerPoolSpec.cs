using System.Text.Json.Serialization;

namespace MlOps.GoogleApis.Vertex;

/// <summary>google.cloud.aiplatform.v1.WorkerPoolSpec (replicaCount is an int64: a JSON string).</summary>
public sealed record WorkerPoolSpec(MachineSpec MachineSpec, ContainerSpec ContainerSpec)
{
    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString)]
    public long ReplicaCount { get; init; } = 1;
}
