using MlOps.Deployer.Model;

namespace MlOps.Deployer.GitOps;

/// <summary>The environment's deploy pipeline: a build that pins a version in the environment's configuration and deploys it.</summary>
public interface IDeployPipeline
{
    /// <summary>Starts the build that pins <paramref name="deployment"/>'s version; answers once the build exists.</summary>
    public Task<PipelineBuild> StartAsync(Deployment deployment, CancellationToken cancellationToken);

    public Task<PipelineBuild> ReadAsync(string buildId, CancellationToken cancellationToken);

    public Task CancelAsync(string buildId, CancellationToken cancellationToken);
}

/// <summary>A deploy build as the Deployer records it: its ID, status (Cloud Build's names), log URL and what its status says.</summary>
public sealed record PipelineBuild(string Id, string Status, string? LogUrl, string? Detail)
{
    public bool Succeeded => Status == "SUCCESS";

    public bool Finished => Status is "SUCCESS" or "FAILURE" or "INTERNAL_ERROR" or "TIMEOUT" or "CANCELLED" or "EXPIRED";
}
