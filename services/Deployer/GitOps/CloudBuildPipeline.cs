using Microsoft.Extensions.Options;
using MlOps.Deployer.Model;
using MlOps.GoogleApis.CloudBuild;

namespace MlOps.Deployer.GitOps;

/// <summary>Runs the environment's deploy trigger through Cloud Build's API (<c>triggers:run</c>) and reads its builds back.</summary>
public sealed class CloudBuildPipeline(CloudBuildClient cloudBuild, IOptions<DeployerOptions> options) : IDeployPipeline
{
    public async Task<PipelineBuild> StartAsync(Deployment deployment, CancellationToken cancellationToken)
    {
        var settings = options.Value.GitOps;
        var source = new RepoSource { BranchName = settings.Branch, Substitutions = PinSubstitutions.Of(deployment) };
        var operation = await cloudBuild.RunTriggerAsync(settings.Trigger!, source, cancellationToken);
        var build = operation.Metadata?.Build ?? operation.Response
            ?? throw new InvalidOperationException($"Cloud Build answered triggers:run of {settings.Trigger} with operation {operation.Name} naming no build");
        return View(build);
    }

    public async Task<PipelineBuild> ReadAsync(string buildId, CancellationToken cancellationToken) => View(await cloudBuild.GetBuildAsync(buildId, cancellationToken));

    public Task CancelAsync(string buildId, CancellationToken cancellationToken) => cloudBuild.CancelBuildAsync(buildId, cancellationToken);

    private static PipelineBuild View(Build build) => new(
        build.Id ?? throw new InvalidOperationException("Cloud Build answered with a build without an id"),
        build.Status ?? BuildStatuses.Queued,
        build.LogUrl,
        build.FailureInfo is { Detail: { Length: > 0 } detail } failure && detail != build.StatusDetail ? $"{build.StatusDetail} ({failure.Type}: {detail})".TrimStart() : build.StatusDetail);
}
