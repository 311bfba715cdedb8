namespace MlOps.Contracts.Api;

/// <summary>Where a version is mirrored in the Vertex AI Model Registry: the model version's resource name (<c>…/models/m@3</c>) and its imported evaluation.</summary>
public sealed record VertexMirrorView(string ModelVersion, string? Evaluation, DateTime MirroredAt);
