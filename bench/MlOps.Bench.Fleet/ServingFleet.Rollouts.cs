using System.Net.Http.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using MlOps.Contracts;
using MlOps.Contracts.Api;
using MlOps.Contracts.Fleet;

/// <summary>The fleet's rollouts: promotions published as the Registry publishes them, and what the Deployer and the replicas then do.</summary>
internal sealed partial class ServingFleet
{
    // A canary the bench holds open for as long as it measures: no verdict from counts, time or latency
    // noise ends it (errors and divergence still would; with the same package on both sides there are none).
    private static readonly Dictionary<string, string> HeldCanary = new()
    {
        ["Deployer__Canary__HealthyPredictions"] = "10000000",
        ["Deployer__Canary__TimeoutSeconds"] = "86400",
        ["Deployer__Canary__MaxLatencyRatio"] = "1000",
    };

    /// <summary>
    /// Publishes the promotion of the next version and waits for its rollout to take effect: with the
    /// immediate strategy, completed (every replica serves it alone); with a canary, every replica serving the canary's split.
    /// </summary>
    public async Task<DeploymentView> PromoteAsync()
    {
        var version = await PublishNextAsync();
        if (_strategy != "canary" || version == 1)
        {
            return await UntilDeploymentAsync(version, "Completed");
        }

        var canary = await UntilDeploymentAsync(version, "Canary");
        await UntilReplicasServeAsync(canary.Generation);
        return canary;
    }

    /// <summary>Promotes the canary in progress by hand, as an operator would, and waits for every replica to serve it alone.</summary>
    public async Task<DeploymentView> EndCanaryAsync()
    {
        using var response = await Http.PostAsync($"{DeployerUrl}/api/deployments/{ServingWorkload.Model}/promote", null);
        response.EnsureSuccessStatusCode();
        return await UntilDeploymentAsync(_version, "Completed");
    }

    /// <summary>
    /// Publishes a promotion every <paramref name="every"/> until <paramref name="stop"/>, without
    /// watching them (the bench's polling would be load of its own), then waits for the last to complete.
    /// </summary>
    public async Task<Promotions> PromoteEveryAsync(TimeSpan every, CancellationToken stop)
    {
        var first = _version + 1;
        while (!stop.IsCancellationRequested)
        {
            await PublishNextAsync();
            await Task.Delay(every, stop).ContinueWith(_ => { }, TaskScheduler.Default);
        }

        var stopped = DateTime.UtcNow;
        await UntilDeploymentAsync(_version, "Completed");
        var completed = (await DeploymentsAsync()).Count(d => d.Version >= first && d.State == "Completed" && d.FinishedAt <= stopped);
        return new Promotions(_version - first + 1, completed);
    }

    public async Task<DeploymentView?> DeploymentAsync(int version) => (await DeploymentsAsync()).FirstOrDefault(d => d.Version == version);

    private async Task<List<DeploymentView>> DeploymentsAsync() =>
        (await Http.GetFromJsonAsync<List<DeploymentView>>($"{DeployerUrl}/api/deployments?model={ServingWorkload.Model}", ApiJson.Options))!;

    // Each promotion names the next version, alternately of the package's two copies: a new version is a real load on every replica.
    private async Task<int> PublishNextAsync()
    {
        var version = ++_version;
        await _publisher.Services.GetRequiredService<IBus>().Publish(new ModelPromoted(ServingWorkload.Model, version, PackageUri(version % 2 == 1 ? "a" : "b"),
            version > 1 ? version - 1 : null, new GateVerdict(true, "bench", 0.9, null, null, 0.7, 0), DateTimeOffset.UtcNow));
        return version;
    }

    private async Task<DeploymentView> UntilDeploymentAsync(int version, string state)
    {
        DeploymentView? seen = null;
        await Until.TrueAsync(async () => (seen = await DeploymentAsync(version) ?? seen) is { } d && (d.State == state || d.State == "RolledBack"), () => $"v{version} to be {state} (last seen: {seen?.State})");
        return seen!.State == state ? seen : throw new InvalidOperationException($"v{version} was rolled back ({seen.Signal}): {seen.Reason}");
    }

    private Task UntilReplicasServeAsync(long generation) =>
        Until.TrueAsync(async () => (await Task.WhenAll(_replicas.Select(r => Http.GetFromJsonAsync<ReplicaStatus>(r.Url + "/admin/fleet", ApiJson.Options))))
            .All(s => s!.Generations.GetValueOrDefault(ServingWorkload.Model) == generation), () => $"every replica to serve generation {generation}");
}
