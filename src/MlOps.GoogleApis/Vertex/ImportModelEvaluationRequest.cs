namespace MlOps.GoogleApis.Vertex;

/// <summary>google.cloud.aiplatform.v1.ImportModelEvaluationRequest.</summary>
public sealed record ImportModelEvaluationRequest(ModelEvaluation ModelEvaluation);
