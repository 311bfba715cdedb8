namespace MlOps.GoogleApis.Vertex;

/// <summary>google.cloud.aiplatform.v1.ListModelEvaluationsResponse.</summary>
public sealed record ListModelEvaluationsResponse(IReadOnlyList<ModelEvaluation>? ModelEvaluations, string? NextPageToken);
