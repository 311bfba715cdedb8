using System.Text.Json.Nodes;

namespace MlOps.GoogleApis.Vertex;

/// <summary>google.cloud.aiplatform.v1.PredictRequest (the endpoint is in the path).</summary>
public sealed record PredictRequest(IReadOnlyList<JsonNode?> Instances);
