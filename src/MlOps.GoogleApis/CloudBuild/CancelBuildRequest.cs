namespace MlOps.GoogleApis.CloudBuild;

/// <summary>google.devtools.cloudbuild.v1.CancelBuildRequest: the build's name, with its project and ID.</summary>
public sealed record CancelBuildRequest(string Name, string ProjectId, string Id);
