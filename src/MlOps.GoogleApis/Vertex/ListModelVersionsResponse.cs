namespace MlOps.GoogleApis.Vertex;

/// <summary>google.cloud.aiplatform.v1.ListModelVersionsResponse.</summary>
public sealed record ListModelVersionsResponse(IReadOnlyList<VertexModel>? Models, string? NextPageToken);
