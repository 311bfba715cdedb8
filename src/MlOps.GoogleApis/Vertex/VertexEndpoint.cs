namespace MlOps.GoogleApis.Vertex;

/// <summary>google.cloud.aiplatform.v1.Endpoint: deployed models and how traffic is split between them.</summary>
public sealed record VertexEndpoint
{
    public string? Name { get; init; }

    public required string DisplayName { get; init; }

    public string? Description { get; init; }

    public IReadOnlyList<DeployedModel>? DeployedModels { get; init; }

    /// <summary>Deployed model ID → percent of traffic.</summary>
    public IReadOnlyDictionary<string, int>? TrafficSplit { get; init; }

    public IReadOnlyDictionary<string, string>? Labels { get; init; }

    public string? Etag { get; init; }
}
