namespace MlOps.Rehearsal.StandIns.CloudBuild;

/// <summary>Runs a build's steps, as Cloud Build's workers would: what it answers ends the build SUCCESS or FAILURE, an exception INTERNAL_ERROR.</summary>
public interface IBuildRunner
{
    /// <summary>Called once the build is WORKING; cancelled when the build is.</summary>
    public Task<BuildRunOutcome> RunAsync(BuildLaunch launch, CancellationToken cancellationToken);
}
