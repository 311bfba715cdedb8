namespace MlOps.GoogleApis.Vertex;

/// <summary>google.cloud.aiplatform.v1.DeployModelResponse.</summary>
public sealed record DeployModelResponse(DeployedModel DeployedModel);
