namespace MlOps.GoogleApis.Vertex;

/// <summary>google.cloud.aiplatform.v1.DedicatedResources.</summary>
public sealed record DedicatedResources(MachineSpec MachineSpec, int MinReplicaCount, int? MaxReplicaCount);
