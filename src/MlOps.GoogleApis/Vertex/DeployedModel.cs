namespace MlOps.GoogleApis.Vertex;

/// <summary>google.cloud.aiplatform.v1.DeployedModel: one model version serving on an endpoint.</summary>
public sealed record DeployedModel
{
    public string? Id { get; init; }

    /// <summary>The model resource name, with <c>@version</c>.</summary>
    public required string Model { get; init; }

    public string? ModelVersionId { get; init; }

    public string? DisplayName { get; init; }

    public DedicatedResources? DedicatedResources { get; init; }

    public string? ServiceAccount { get; init; }

    public bool? DisableContainerLogging { get; init; }

    public DeployedModelStatus? Status { get; init; }

    public DateTimeOffset? CreateTime { get; init; }
}
