namespace MlOps.GoogleApis.CloudBuild;

/// <summary>google.devtools.cloudbuild.v1.Build.FailureInfo: the FailureType by name (e.g. <c>USER_BUILD_STEP</c>) and what failed.</summary>
public sealed record FailureInfo(string? Type, string? Detail);
