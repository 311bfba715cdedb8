namespace MlOps.GoogleApis.Vertex;

/// <summary>google.cloud.aiplatform.v1.UploadModelResponse, the result of the upload's operation.</summary>
public sealed record UploadModelResponse(string Model, string ModelVersionId);
