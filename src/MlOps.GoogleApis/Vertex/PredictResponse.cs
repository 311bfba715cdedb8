using System.Text.Json.Nodes;

namespace MlOps.GoogleApis.Vertex;

/// <summary>google.cloud.aiplatform.v1.PredictResponse.</summary>
public sealed record PredictResponse(IReadOnlyList<JsonNode?>? Predictions, string? DeployedModelId, string? Model, string? ModelVersionId);
