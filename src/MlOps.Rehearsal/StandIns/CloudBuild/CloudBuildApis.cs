namespace MlOps.Rehearsal.StandIns.CloudBuild;

/// <summary>The services behind the Cloud Build stand-in's routes.</summary>
internal sealed record CloudBuildApis(TriggersApi Triggers, BuildsApi Builds);
