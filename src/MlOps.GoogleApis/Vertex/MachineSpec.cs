namespace MlOps.GoogleApis.Vertex;

/// <summary>google.cloud.aiplatform.v1.MachineSpec.</summary>
public sealed record MachineSpec(string MachineType);
