namespace MlOps.GoogleApis.Vertex;

/// <summary>google.cloud.aiplatform.v1.UndeployModelRequest.</summary>
public sealed record UndeployModelRequest(string DeployedModelId, IReadOnlyDictionary<string, int>? TrafficSplit);
