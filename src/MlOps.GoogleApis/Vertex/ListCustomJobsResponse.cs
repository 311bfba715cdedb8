namespace MlOps.GoogleApis.Vertex;

/// <summary>google.cloud.aiplatform.v1.ListCustomJobsResponse.</summary>
public sealed record ListCustomJobsResponse(IReadOnlyList<CustomJob>? CustomJobs, string? NextPageToken);
