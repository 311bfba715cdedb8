namespace MlOps.GoogleApis.CloudBuild;

/// <summary>google.devtools.cloudbuild.v1.RunBuildTriggerRequest: the trigger's name, with its project and ID, and the source to build.</summary>
public sealed record RunBuildTriggerRequest(string Name, string ProjectId, string TriggerId, RepoSource? Source);
