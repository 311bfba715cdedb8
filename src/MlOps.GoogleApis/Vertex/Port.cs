namespace MlOps.GoogleApis.Vertex;

/// <summary>google.cloud.aiplatform.v1.Port.</summary>
public sealed record Port(int ContainerPort);
