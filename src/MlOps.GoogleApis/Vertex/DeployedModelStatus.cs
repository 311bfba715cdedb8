namespace MlOps.GoogleApis.Vertex;

/// <summary>google.cloud.aiplatform.v1.DeployedModel.Status.</summary>
public sealed record DeployedModelStatus(string? Message, DateTimeOffset? LastUpdateTime, int? AvailableReplicaCount);
