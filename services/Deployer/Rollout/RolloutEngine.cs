using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MlOps.Contracts;
using MlOps.Deployer.Infrastructure;
using MlOps.Deployer.Model;
using MlOps.Deployer.Targets;
using MlOps.Deployer.Telemetry;

namespace MlOps.Deployer.Rollout;

/// <summary>
/// Moves each live deployment one step: start it (immediately, or as a canary beside the stable
/// version), then promote the canary after enough healthy predictions or roll it back on its
/// error rate or a timeout. Each step applies the split, publishes the event, then records the new
/// state — so a crash repeats a step (idempotently) rather than losing it.
/// </summary>
public sealed class RolloutEngine(
    DeploymentsDbContext db,
    IEndpointTarget target,
    IPublishEndpoint publisher,
    DeployerMetrics metrics,
    IOptions<DeployerOptions> options,
    TimeProvider time,
    ILogger<RolloutEngine> logger)
{
    private DateTime Now => time.GetUtcNow().UtcDateTime;

    private CanaryOptions Canary => options.Value.Canary;

    /// <summary>
    /// Takes the model's newest version out of traffic by hand: a live rollout is rolled back as it
    /// would be on a failing signal; a completed one gives all traffic back to the version it replaced.
    /// </summary>
    public async Task<ManualRollback> RollBackCurrentAsync(string model, string reason, CancellationToken cancellationToken)
    {
        var deployments = db.Deployments.Where(d => d.Model == model);
        var live = await deployments.Where(d => d.State == DeploymentState.Pending || d.State == DeploymentState.Canary).OrderBy(d => d.CreatedAt).FirstOrDefaultAsync(cancellationToken);
        var current = live ?? await deployments.Where(d => d.State == DeploymentState.Completed).OrderByDescending(d => d.FinishedAt).FirstOrDefaultAsync(cancellationToken);
        if (current is null)
        {
            return new ManualRollback(null, $"nothing of '{model}' is deployed");
        }

        if (current.State == DeploymentState.Completed && current.StableVersion is null)
        {
            return new ManualRollback(null, $"v{current.Version} is the first version of '{model}': there is nothing to roll back to");
        }

        await RollBackAsync(current, $"rolled back by hand: {reason}", cancellationToken);
        return new ManualRollback(current, null);
    }

    /// <summary>Advances the oldest live deployment of each model.</summary>
    public async Task StepAsync(CancellationToken cancellationToken)
    {
        var live = await db.Deployments
            .Where(d => d.State == DeploymentState.Pending || d.State == DeploymentState.Canary)
            .OrderBy(d => d.CreatedAt)
            .ToListAsync(cancellationToken);
        foreach (var deployment in live.GroupBy(d => d.Model).Select(g => g.First()))
        {
            if (deployment.State == DeploymentState.Pending)
            {
                await StartAsync(deployment, cancellationToken);
            }
            else
            {
                await WatchCanaryAsync(deployment, cancellationToken);
            }
        }
    }

    private async Task StartAsync(Deployment deployment, CancellationToken cancellationToken)
    {
        var stable = await db.Deployments
            .Where(d => d.Model == deployment.Model && d.State == DeploymentState.Completed)
            .OrderByDescending(d => d.FinishedAt)
            .FirstOrDefaultAsync(cancellationToken);
        deployment.StableVersion = stable?.Version;
        deployment.StablePackageUri = stable?.PackageUri;
        // A canary needs a stable version beside it: without one the version goes out at once, and
        // the deployment records the strategy it used, so every event about it says the same.
        var canary = deployment.Strategy == RolloutStrategy.Canary && stable is not null && stable.Version != deployment.Version;
        deployment.Strategy = canary ? RolloutStrategy.Canary : RolloutStrategy.Immediate;
        await publisher.Publish(new DeploymentStarted(deployment.Id, deployment.Model, deployment.Version, Wire(deployment.Strategy), stable?.Version, time.GetUtcNow()), cancellationToken);

        if (!canary)
        {
            var problem = await target.ApplyAsync(deployment.Model, [new TrafficShare(deployment.Version, deployment.PackageUri, 100)], cancellationToken);
            await (problem is null ? CompleteAsync(deployment, cancellationToken) : RollBackAsync(deployment, problem, cancellationToken));
            return;
        }

        var split = new[]
        {
            new TrafficShare(stable!.Version, stable.PackageUri, 100 - deployment.CanaryPercent),
            new TrafficShare(deployment.Version, deployment.PackageUri, deployment.CanaryPercent),
        };
        var refused = await target.ApplyAsync(deployment.Model, split, cancellationToken);
        if (refused is not null)
        {
            await RollBackAsync(deployment, refused, cancellationToken);
            return;
        }

        var health = (await target.ReadHealthAsync(deployment.Model, cancellationToken))?.FirstOrDefault(h => h.Version == deployment.Version);
        deployment.CanaryRequestsAtStart = health?.Requests ?? 0;
        deployment.CanaryErrorsAtStart = health?.Errors ?? 0;
        deployment.State = DeploymentState.Canary;
        deployment.CanaryStartedAt = Now;
        await db.SaveChangesAsync(cancellationToken);
        metrics.CanaryShare(deployment.Model, deployment.CanaryPercent);
        logger.LogInformation("{Model} v{Version} is a {Percent}% canary beside v{Stable}", deployment.Model, deployment.Version, deployment.CanaryPercent, stable.Version);
    }

    private async Task WatchCanaryAsync(Deployment deployment, CancellationToken cancellationToken)
    {
        metrics.CanaryShare(deployment.Model, deployment.CanaryPercent);
        var health = await target.ReadHealthAsync(deployment.Model, cancellationToken);
        var canary = health?.FirstOrDefault(h => h.Version == deployment.Version);
        if (health is not null && canary is null)
        {
            await RollBackAsync(deployment, "the canary is no longer served", cancellationToken);
            return;
        }

        if (canary is not null)
        {
            deployment.CanaryRequests = canary.Requests - deployment.CanaryRequestsAtStart;
            deployment.CanaryErrors = canary.Errors - deployment.CanaryErrorsAtStart;
        }

        var attempts = deployment.CanaryRequests + deployment.CanaryErrors;
        var errorRate = attempts == 0 ? 0 : (double)deployment.CanaryErrors / attempts;
        if (attempts >= Canary.MinimumForRollback && errorRate > Canary.MaxErrorRate)
        {
            await RollBackAsync(deployment, $"canary error rate {errorRate:P1} over {attempts} predictions exceeds {Canary.MaxErrorRate:P1}", cancellationToken);
        }
        else if (deployment.CanaryRequests >= Canary.HealthyPredictions)
        {
            var problem = await target.ApplyAsync(deployment.Model, [new TrafficShare(deployment.Version, deployment.PackageUri, 100)], cancellationToken);
            await (problem is null ? CompleteAsync(deployment, cancellationToken) : RollBackAsync(deployment, problem, cancellationToken));
        }
        else if (Now - deployment.CanaryStartedAt > TimeSpan.FromSeconds(Canary.TimeoutSeconds))
        {
            await RollBackAsync(deployment, $"only {deployment.CanaryRequests} healthy canary predictions in {Canary.TimeoutSeconds} s", cancellationToken);
        }
        else
        {
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    private async Task CompleteAsync(Deployment deployment, CancellationToken cancellationToken)
    {
        await publisher.Publish(new DeploymentCompleted(deployment.Id, deployment.Model, deployment.Version, deployment.PackageUri, Wire(deployment.Strategy), time.GetUtcNow()), cancellationToken);
        deployment.State = DeploymentState.Completed;
        deployment.FinishedAt = Now;
        await db.SaveChangesAsync(cancellationToken);
        metrics.Finished(deployment.Model, Wire(deployment.Strategy), "completed");
        logger.LogInformation("{Model} v{Version} serves all traffic", deployment.Model, deployment.Version);
    }

    // The stable version takes all traffic again; a version the target refused never took any.
    private async Task RollBackAsync(Deployment deployment, string reason, CancellationToken cancellationToken)
    {
        if (deployment.StableVersion is { } stable && deployment.StablePackageUri is { } uri)
        {
            if (await target.ApplyAsync(deployment.Model, [new TrafficShare(stable, uri, 100)], cancellationToken) is { } problem)
            {
                logger.LogError("Restoring {Model} v{Stable} failed: {Problem}", deployment.Model, stable, problem);
            }
        }

        await publisher.Publish(new DeploymentRolledBack(deployment.Id, deployment.Model, deployment.Version, deployment.StableVersion, reason, time.GetUtcNow()), cancellationToken);
        deployment.State = DeploymentState.RolledBack;
        deployment.Reason = reason;
        deployment.FinishedAt = Now;
        await db.SaveChangesAsync(cancellationToken);
        metrics.Finished(deployment.Model, Wire(deployment.Strategy), "rolled_back");
        logger.LogWarning("{Model} v{Version} rolled back: {Reason}", deployment.Model, deployment.Version, reason);
    }

    private static string Wire(RolloutStrategy strategy) => strategy switch
    {
        RolloutStrategy.Immediate => RolloutStrategies.Immediate,
        RolloutStrategy.Canary => RolloutStrategies.Canary,
        _ => throw new ArgumentOutOfRangeException(nameof(strategy), strategy, null),
    };
}
