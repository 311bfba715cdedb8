using MlOps.Deployer.Model;

namespace MlOps.Deployer.GitOps;

/// <summary>The pipeline of a Deployer whose strategy is not gitops: a gitops rollout recorded under another configuration is told so.</summary>
internal sealed class NoDeployPipeline : IDeployPipeline
{
    private const string Why = "this rollout was recorded as gitops, but Deployer:Strategy is no longer gitops: set it back, or roll the model back by hand";

    public Task<PipelineBuild> StartAsync(Deployment deployment, CancellationToken cancellationToken) => throw new InvalidOperationException(Why);

    public Task<PipelineBuild> ReadAsync(string buildId, CancellationToken cancellationToken) => throw new InvalidOperationException(Why);

    public Task CancelAsync(string buildId, CancellationToken cancellationToken) => Task.CompletedTask;
}
