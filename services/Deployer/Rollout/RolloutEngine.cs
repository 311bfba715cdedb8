using System.Net;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MlOps.Contracts;
using MlOps.Contracts.Fleet;
using MlOps.Core.Statistics;
using MlOps.Deployer.Fleet;
using MlOps.Deployer.GitOps;
using MlOps.Deployer.Infrastructure;
using MlOps.Deployer.Model;
using MlOps.Deployer.Targets;
using MlOps.Deployer.Telemetry;
using MlOps.GoogleApis.Rest;

namespace MlOps.Deployer.Rollout;

/// <summary>
/// Moves each live deployment one step. A deployment starts — at once, as a canary beside the stable
/// version, or as a shadow of it — is judged on what every replica reports for the generation of the
/// split it put in force, and ends either promoted, once every live replica serves the version, or
/// rolled back, saying which signal decided. A gitops rollout first runs the environment's deploy build,
/// which pins the version in the environment's configuration, and takes traffic only once that build
/// succeeded. Each step applies the split, publishes the event, then records the new state, so a crash
/// repeats a step (idempotently) rather than losing it.
/// </summary>
public sealed class RolloutEngine(
    DeploymentsDbContext db,
    IEndpointTarget target,
    IDeployPipeline pipeline,
    IPublishEndpoint publisher,
    DeployerMetrics metrics,
    IOptions<DeployerOptions> options,
    TimeProvider time,
    ILogger<RolloutEngine> logger)
{
    private static readonly DeploymentState[] Live = [DeploymentState.Pending, DeploymentState.Building, DeploymentState.Converging, DeploymentState.Canary, DeploymentState.Shadow];

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    private CanaryOptions Canary => options.Value.Canary;

    private ShadowOptions Shadow => options.Value.Shadow;

    /// <summary>Advances the oldest live deployment of each model.</summary>
    public async Task StepAsync(CancellationToken cancellationToken)
    {
        var live = await db.Deployments.Where(d => Live.Contains(d.State)).OrderBy(d => d.CreatedAt).ToListAsync(cancellationToken);
        foreach (var deployment in live.GroupBy(d => d.Model).Select(g => g.First()))
        {
            await (deployment.State switch
            {
                DeploymentState.Pending => StartAsync(deployment, cancellationToken),
                DeploymentState.Building => WatchBuildAsync(deployment, cancellationToken),
                DeploymentState.Converging => ConvergeAsync(deployment, cancellationToken),
                DeploymentState.Canary => WatchCanaryAsync(deployment, cancellationToken),
                DeploymentState.Shadow => WatchShadowAsync(deployment, cancellationToken),
                _ => Task.CompletedTask,
            });
        }
    }

    /// <summary>
    /// Takes the model's newest version out of traffic by hand: a live rollout is rolled back as it
    /// would be on a failing signal; a completed one gives all traffic back to the version it replaced.
    /// </summary>
    public async Task<ManualChange> RollBackCurrentAsync(string model, string reason, CancellationToken cancellationToken)
    {
        var current = await LiveAsync(model, cancellationToken) ?? await LatestCompletedAsync(model, cancellationToken);
        if (current is null)
        {
            return new ManualChange.Refused($"nothing of '{model}' is deployed");
        }

        if (current.State == DeploymentState.Completed && current.StableVersion is null)
        {
            return new ManualChange.Refused($"v{current.Version} is the first version of '{model}': there is nothing to roll back to");
        }

        if (current is { State: DeploymentState.Building, BuildId: { } building })
        {
            await pipeline.CancelAsync(building, cancellationToken);
        }

        await RollBackAsync(current, RolloutSignals.Manual, $"rolled back by hand: {reason}", cancellationToken);
        return new ManualChange.Done(current);
    }

    /// <summary>Promotes a live canary or shadow now, without waiting for its verdict.</summary>
    public async Task<ManualChange> PromoteCurrentAsync(string model, CancellationToken cancellationToken)
    {
        var current = await LiveAsync(model, cancellationToken);
        if (current is not { State: DeploymentState.Canary or DeploymentState.Shadow })
        {
            return new ManualChange.Refused(current is null ? $"no rollout of '{model}' is under way" : $"v{current.Version} of '{model}' is {current.State.ToString().ToLowerInvariant()}: there is no canary or shadow to promote");
        }

        await PromoteAsync(current, RolloutSignals.Manual, cancellationToken);
        return new ManualChange.Done(current);
    }

    private async Task StartAsync(Deployment deployment, CancellationToken cancellationToken)
    {
        var stable = await LatestCompletedAsync(deployment.Model, cancellationToken);
        deployment.StableVersion = stable?.Version;
        deployment.StablePackageUri = stable?.PackageUri;
        if (deployment.Strategy == RolloutStrategy.GitOps)
        {
            await StartBuildAsync(deployment, cancellationToken);
            return;
        }

        // A canary or a shadow needs a stable version beside it: without one the version goes out at
        // once, and the deployment records the strategy it used, so every event about it says the same.
        if (stable is null || stable.Version == deployment.Version)
        {
            deployment.Strategy = RolloutStrategy.Immediate;
        }

        await ApplyFirstSplitAsync(deployment, deployment.Strategy, cancellationToken);
        await publisher.Publish(new DeploymentStarted(deployment.Id, deployment.Model, deployment.Version, Wire(deployment.Strategy), stable?.Version, time.GetUtcNow()), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        Started(deployment);
    }

    // The split a rollout begins with, and the phase that judges it; a canary or shadow without a different stable version goes out at once.
    private async Task ApplyFirstSplitAsync(Deployment deployment, RolloutStrategy how, CancellationToken cancellationToken)
    {
        if (deployment.StableVersion is not { } stableVersion || deployment.StablePackageUri is not { } stableUri || stableVersion == deployment.Version)
        {
            how = RolloutStrategy.Immediate;
            stableVersion = 0;
            stableUri = "";
        }

        IReadOnlyList<SplitEntry> split = how switch
        {
            RolloutStrategy.Canary => [new(stableVersion, stableUri, 100 - deployment.CanaryPercent), new(deployment.Version, deployment.PackageUri, deployment.CanaryPercent)],
            RolloutStrategy.Shadow => [new(stableVersion, stableUri, 100), new(deployment.Version, deployment.PackageUri, 0, SplitRole.Shadow)],
            _ => [new(deployment.Version, deployment.PackageUri, 100)],
        };
        deployment.Generation = await target.ApplyAsync(deployment.Model, split, cancellationToken);
        deployment.State = how switch
        {
            RolloutStrategy.Canary => DeploymentState.Canary,
            RolloutStrategy.Shadow => DeploymentState.Shadow,
            _ => DeploymentState.Converging,
        };
        deployment.PhaseStartedAt = Now;
        deployment.CanaryStartedAt = deployment.State == DeploymentState.Canary ? Now : null;
    }

    private void Started(Deployment deployment)
    {
        if (deployment.State == DeploymentState.Canary)
        {
            metrics.CanaryShare(deployment.Model, deployment.CanaryPercent);
        }

        logger.LogInformation("{Model} v{Version}: {Strategy} rollout started (generation {Generation}){Stable}", deployment.Model, deployment.Version,
            Wire(deployment.Strategy), deployment.Generation, deployment.StableVersion is { } stable ? $" beside v{stable}" : "");
    }

    // The pin goes to the environment's deploy build; nothing changes in traffic until that build succeeded. A crash
    // between starting the build and recording it starts another: the deploy build pins the same version and deploys
    // the same manifests, so running it twice changes nothing more than running it once.
    private async Task StartBuildAsync(Deployment deployment, CancellationToken cancellationToken)
    {
        PipelineBuild build;
        try
        {
            build = await pipeline.StartAsync(deployment, cancellationToken);
        }
        catch (GoogleApiException e) when (e.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Forbidden or HttpStatusCode.NotFound)
        {
            // Asking again gets the same answer (retryable errors were retried by the client): the rollout fails, saying why.
            await RollBackAsync(deployment, RolloutSignals.BuildFailed, $"the deploy build could not be started: {e.Message}", cancellationToken);
            return;
        }

        Record(deployment, build);
        deployment.State = DeploymentState.Building;
        deployment.PhaseStartedAt = Now;
        await publisher.Publish(new DeploymentStarted(deployment.Id, deployment.Model, deployment.Version, Wire(deployment.Strategy), deployment.StableVersion, time.GetUtcNow()), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("{Model} v{Version}: gitops rollout started, deploy build {BuildId} pins it ({LogUrl})", deployment.Model, deployment.Version, build.Id, build.LogUrl);
    }

    private async Task WatchBuildAsync(Deployment deployment, CancellationToken cancellationToken)
    {
        var build = await pipeline.ReadAsync(deployment.BuildId!, cancellationToken);
        Record(deployment, build);
        var timeout = TimeSpan.FromSeconds(options.Value.GitOps.BuildTimeoutSeconds);
        if (build.Succeeded)
        {
            await ApplyFirstSplitAsync(deployment, options.Value.GitOps.Rollout == GitOpsRollout.Canary ? RolloutStrategy.Canary : RolloutStrategy.Immediate, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            if (deployment.State == DeploymentState.Canary)
            {
                metrics.CanaryShare(deployment.Model, deployment.CanaryPercent);
            }

            logger.LogInformation("{Model} v{Version}: deploy build {BuildId} succeeded; the version takes {Share}% of the traffic (generation {Generation})",
                deployment.Model, deployment.Version, build.Id, deployment.State == DeploymentState.Canary ? deployment.CanaryPercent : 100, deployment.Generation);
        }
        else if (build.Finished)
        {
            await RollBackAsync(deployment, RolloutSignals.BuildFailed, $"deploy build {build.Id} ended {build.Status}{(build.Detail is { Length: > 0 } d ? $": {d}" : "")} (log: {build.LogUrl})", cancellationToken);
        }
        else if (Elapsed(deployment) > timeout)
        {
            await pipeline.CancelAsync(build.Id, cancellationToken);
            await RollBackAsync(deployment, RolloutSignals.Timeout, $"deploy build {build.Id} still {build.Status} after {timeout.TotalSeconds:0} s; it was cancelled (log: {build.LogUrl})", cancellationToken);
        }
        else
        {
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    private static void Record(Deployment deployment, PipelineBuild build)
    {
        deployment.BuildId = build.Id;
        deployment.BuildStatus = build.Status;
        deployment.BuildLogUrl = build.LogUrl ?? deployment.BuildLogUrl;
    }

    // The version has all of the split: done once every live replica serves that generation.
    private async Task ConvergeAsync(Deployment deployment, CancellationToken cancellationToken)
    {
        var health = await target.ReadAsync(deployment.Model, deployment.Generation, cancellationToken);
        if (Refused(health, deployment.Version) is { } refusal)
        {
            await RollBackAsync(deployment, RolloutSignals.Refused, refusal.Reason, cancellationToken);
        }
        else if (health.LiveReplicas > 0 && health.Converged >= health.LiveReplicas)
        {
            await CompleteAsync(deployment, cancellationToken);
        }
        else if (Elapsed(deployment) > TimeSpan.FromSeconds(options.Value.Fleet.ConvergeSeconds))
        {
            await RollBackAsync(deployment, RolloutSignals.Timeout, $"{health.Converged} of {health.LiveReplicas} live replicas serve v{deployment.Version} after {options.Value.Fleet.ConvergeSeconds} s", cancellationToken);
        }
    }

    private async Task WatchCanaryAsync(Deployment deployment, CancellationToken cancellationToken)
    {
        metrics.CanaryShare(deployment.Model, deployment.CanaryPercent);
        var health = await target.ReadAsync(deployment.Model, deployment.Generation, cancellationToken);
        if (Refused(health, deployment.Version) is { } refusal)
        {
            await RollBackAsync(deployment, RolloutSignals.Refused, refusal.Reason, cancellationToken);
            return;
        }

        var canary = health.Find(deployment.Version);
        var stable = deployment.StableVersion is { } s ? health.Find(s) : null;
        deployment.CanaryRequests = canary?.Requests ?? 0;
        deployment.CanaryErrors = canary?.Errors ?? 0;
        deployment.CanaryP99Ms = canary is null ? null : Finite(FleetHistograms.LatencyQuantile(canary.Latency, 0.99));
        deployment.StableP99Ms = stable is null ? null : Finite(FleetHistograms.LatencyQuantile(stable.Latency, 0.99));
        deployment.ScoreDivergence = Divergence(canary?.Scores, stable?.Scores);

        var attempts = deployment.CanaryRequests + deployment.CanaryErrors;
        var errorRate = attempts == 0 ? 0 : (double)deployment.CanaryErrors / attempts;
        if (attempts >= Canary.MinimumForRollback && errorRate > Canary.MaxErrorRate)
        {
            await RollBackAsync(deployment, RolloutSignals.Errors, $"canary error rate {errorRate:P1} over {attempts} predictions exceeds {Canary.MaxErrorRate:P1}", cancellationToken);
        }
        else if (deployment.CanaryRequests >= Canary.MinimumForLatency && canary is not null && stable is not null
            && LatencyVerdict.Slower(Canary, canary.Latency, stable.Latency, stable.Version) is { } slower)
        {
            await RollBackAsync(deployment, RolloutSignals.Latency, slower, cancellationToken);
        }
        else if (canary?.Scores.Sum() >= Canary.MinimumForDivergence && deployment.ScoreDivergence > Canary.MaxScoreDivergence)
        {
            await RollBackAsync(deployment, RolloutSignals.ScoreDivergence, $"canary scores diverge from v{deployment.StableVersion}'s on the same traffic by {deployment.ScoreDivergence:F3} (Jensen-Shannon), more than {Canary.MaxScoreDivergence:F3}", cancellationToken);
        }
        else if (deployment.CanaryRequests >= Canary.HealthyPredictions)
        {
            await PromoteAsync(deployment, RolloutSignals.Healthy, cancellationToken);
        }
        else if (Elapsed(deployment) > TimeSpan.FromSeconds(Canary.TimeoutSeconds))
        {
            await RollBackAsync(deployment, RolloutSignals.Timeout, $"only {deployment.CanaryRequests} healthy canary predictions in {Canary.TimeoutSeconds} s", cancellationToken);
        }
        else
        {
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    private async Task WatchShadowAsync(Deployment deployment, CancellationToken cancellationToken)
    {
        var health = await target.ReadAsync(deployment.Model, deployment.Generation, cancellationToken);
        if (Refused(health, deployment.Version) is { } refusal)
        {
            await RollBackAsync(deployment, RolloutSignals.Refused, refusal.Reason, cancellationToken);
            return;
        }

        var candidate = health.Find(deployment.Version);
        var shadow = candidate?.Shadow;
        deployment.ShadowCompared = shadow?.Compared ?? 0;
        deployment.ShadowAgreed = shadow?.Agreed ?? 0;
        deployment.ScoreDivergence = Divergence(candidate?.Scores, shadow?.ServedScores);
        var errors = shadow?.Errors ?? 0;
        var attempts = deployment.ShadowCompared + errors;
        var agreement = deployment.ShadowCompared == 0 ? 0 : (double)deployment.ShadowAgreed / deployment.ShadowCompared;
        if (attempts >= Canary.MinimumForRollback && (double)errors / attempts > Canary.MaxErrorRate)
        {
            await RollBackAsync(deployment, RolloutSignals.Errors, $"the shadow failed {errors} of {attempts} scorings, more than {Canary.MaxErrorRate:P1}", cancellationToken);
        }
        else if (deployment.ShadowCompared >= Shadow.Comparisons && agreement < Shadow.MinAgreement)
        {
            await RollBackAsync(deployment, RolloutSignals.Disagreement, $"the shadow agrees with v{deployment.StableVersion} on {agreement:P1} of {deployment.ShadowCompared} instances, less than {Shadow.MinAgreement:P0}", cancellationToken);
        }
        else if (deployment.ShadowCompared >= Shadow.Comparisons && deployment.ScoreDivergence > Shadow.MaxScoreDivergence)
        {
            await RollBackAsync(deployment, RolloutSignals.ScoreDivergence, $"the shadow's scores diverge from the served ones by {deployment.ScoreDivergence:F3} (Jensen-Shannon), more than {Shadow.MaxScoreDivergence:F3}", cancellationToken);
        }
        else if (deployment.ShadowCompared >= Shadow.Comparisons)
        {
            await PromoteAsync(deployment, RolloutSignals.Agreement, cancellationToken);
        }
        else if (Elapsed(deployment) > TimeSpan.FromSeconds(Shadow.TimeoutSeconds))
        {
            await RollBackAsync(deployment, RolloutSignals.Timeout, $"only {deployment.ShadowCompared} instances compared in {Shadow.TimeoutSeconds} s", cancellationToken);
        }
        else
        {
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    // The candidate passed: it takes all traffic, and the rollout completes once every replica serves it.
    private async Task PromoteAsync(Deployment deployment, string signal, CancellationToken cancellationToken)
    {
        deployment.Generation = await target.ApplyAsync(deployment.Model, [new SplitEntry(deployment.Version, deployment.PackageUri, 100)], cancellationToken);
        deployment.State = DeploymentState.Converging;
        deployment.PhaseStartedAt = Now;
        deployment.Signal = signal;
        await db.SaveChangesAsync(cancellationToken);
        metrics.CanaryShare(deployment.Model, 0);
        logger.LogInformation("{Model} v{Version} passed ({Signal}); it takes all traffic", deployment.Model, deployment.Version, signal);
    }

    private async Task CompleteAsync(Deployment deployment, CancellationToken cancellationToken)
    {
        await publisher.Publish(new DeploymentCompleted(deployment.Id, deployment.Model, deployment.Version, deployment.PackageUri, Wire(deployment.Strategy), time.GetUtcNow()), cancellationToken);
        deployment.State = DeploymentState.Completed;
        deployment.Signal ??= RolloutSignals.Converged;
        deployment.FinishedAt = Now;
        await db.SaveChangesAsync(cancellationToken);
        metrics.Finished(deployment.Model, Wire(deployment.Strategy), "completed");
        logger.LogInformation("{Model} v{Version} serves all traffic", deployment.Model, deployment.Version);
    }

    // The stable version takes all traffic again; without one, nothing of the model is served.
    private async Task RollBackAsync(Deployment deployment, string signal, string reason, CancellationToken cancellationToken)
    {
        IReadOnlyList<SplitEntry> restored = deployment.StableVersion is { } stable && deployment.StablePackageUri is { } uri ? [new SplitEntry(stable, uri, 100)] : [];
        await target.ApplyAsync(deployment.Model, restored, cancellationToken);
        await publisher.Publish(new DeploymentRolledBack(deployment.Id, deployment.Model, deployment.Version, deployment.StableVersion, reason, time.GetUtcNow()), cancellationToken);
        deployment.State = DeploymentState.RolledBack;
        deployment.Signal = signal;
        deployment.Reason = reason;
        deployment.FinishedAt = Now;
        await db.SaveChangesAsync(cancellationToken);
        metrics.Finished(deployment.Model, Wire(deployment.Strategy), "rolled_back");
        logger.LogWarning("{Model} v{Version} rolled back ({Signal}): {Reason}", deployment.Model, deployment.Version, signal, reason);
    }

    private static Refusal? Refused(FleetHealth health, int version) => health.Refusals.FirstOrDefault(r => r.Version == version);

    private static double? Divergence(long[]? candidate, IReadOnlyList<long>? reference) =>
        candidate is null || reference is null || candidate.Sum() == 0 || reference.Sum() == 0
            ? null
            : Distances.JensenShannon(Distances.Normalize(candidate), Distances.Normalize([.. reference]));

    private static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;

    private TimeSpan Elapsed(Deployment deployment) => Now - (deployment.PhaseStartedAt ?? deployment.CreatedAt);

    private Task<Deployment?> LiveAsync(string model, CancellationToken cancellationToken) =>
        db.Deployments.Where(d => d.Model == model && Live.Contains(d.State)).OrderBy(d => d.CreatedAt).FirstOrDefaultAsync(cancellationToken);

    private Task<Deployment?> LatestCompletedAsync(string model, CancellationToken cancellationToken) =>
        db.Deployments.Where(d => d.Model == model && d.State == DeploymentState.Completed).OrderByDescending(d => d.FinishedAt).FirstOrDefaultAsync(cancellationToken);

    private static string Wire(RolloutStrategy strategy) => strategy switch
    {
        RolloutStrategy.Immediate => RolloutStrategies.Immediate,
        RolloutStrategy.Canary => RolloutStrategies.Canary,
        RolloutStrategy.Shadow => RolloutStrategies.Shadow,
        RolloutStrategy.GitOps => RolloutStrategies.GitOps,
        _ => throw new ArgumentOutOfRangeException(nameof(strategy), strategy, null),
    };
}
