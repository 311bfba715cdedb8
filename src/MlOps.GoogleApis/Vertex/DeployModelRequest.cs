namespace MlOps.GoogleApis.Vertex;

/// <summary>google.cloud.aiplatform.v1.DeployModelRequest; <c>"0"</c> in the split is the model being deployed.</summary>
public sealed record DeployModelRequest(DeployedModel DeployedModel, IReadOnlyDictionary<string, int>? TrafficSplit);
