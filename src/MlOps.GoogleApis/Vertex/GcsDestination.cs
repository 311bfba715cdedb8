namespace MlOps.GoogleApis.Vertex;

/// <summary>google.cloud.aiplatform.v1.GcsDestination.</summary>
public sealed record GcsDestination(string OutputUriPrefix);
