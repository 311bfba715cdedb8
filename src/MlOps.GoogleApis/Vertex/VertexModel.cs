namespace MlOps.GoogleApis.Vertex;

/// <summary>google.cloud.aiplatform.v1.Model, the fields we write and read: one version of a model in the Model Registry.</summary>
public sealed record VertexModel
{
    public string? Name { get; init; }

    public string? VersionId { get; init; }

    public IReadOnlyList<string>? VersionAliases { get; init; }

    public required string DisplayName { get; init; }

    public string? Description { get; init; }

    public string? VersionDescription { get; init; }

    public IReadOnlyDictionary<string, string>? Labels { get; init; }

    public string? ArtifactUri { get; init; }

    public ModelContainerSpec? ContainerSpec { get; init; }

    public DateTimeOffset? CreateTime { get; init; }

    public DateTimeOffset? VersionCreateTime { get; init; }
}
