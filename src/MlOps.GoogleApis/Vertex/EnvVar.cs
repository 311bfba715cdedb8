namespace MlOps.GoogleApis.Vertex;

/// <summary>google.cloud.aiplatform.v1.EnvVar.</summary>
public sealed record EnvVar(string Name, string Value);
