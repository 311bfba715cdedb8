namespace MlOps.GoogleApis.Vertex;

/// <summary>google.cloud.aiplatform.v1.UploadModelRequest (the parent is in the path).</summary>
public sealed record UploadModelRequest(VertexModel Model)
{
    /// <summary>The model this upload adds a version to.</summary>
    public string? ParentModel { get; init; }

    /// <summary>The ID of a new model.</summary>
    public string? ModelId { get; init; }

    public string? ServiceAccount { get; init; }
}
