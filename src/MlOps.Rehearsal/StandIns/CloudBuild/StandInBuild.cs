namespace MlOps.Rehearsal.StandIns.CloudBuild;

/// <summary>A build the stand-in ran or is running: its name, what it was started with, and its status (Cloud Build's name) with its detail.</summary>
public sealed record StandInBuild(string Name, BuildLaunch Launch, string Status, string? StatusDetail);
