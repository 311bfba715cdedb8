using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MlOps.Contracts.Fleet;
using MlOps.Deployer.Fleet;
using MlOps.Deployer.Infrastructure;
using MlOps.Deployer.Model;
using MlOps.GoogleApis.Monitoring;
using MlOps.GoogleApis.Vertex;

namespace MlOps.Deployer.Targets;

/// <summary>
/// A Vertex AI endpoint per model (its ID is the model's name): a split deploys each version it names
/// that is not deployed yet — the version the Registry mirrored, found by its <c>mlops-version</c>
/// label — with the environment's machine type and replica bounds, then sets the endpoint's traffic
/// split, then undeploys what the split no longer names. A generation is the moment its split took
/// effect; it is judged on what Cloud Monitoring counted per deployed model since then (responses by
/// code and model latency; Vertex AI reports no scores, so there is no divergence verdict here) and on
/// each deployed model's available replicas; a new deployment's latency counts once its container is warm
/// (<c>Deployer:Vertex:LatencyWarmupSeconds</c>). A version that fails to deploy is a refusal, which rolls it back.
/// </summary>
public sealed class VertexEndpointTarget(
    VertexAiClient vertex,
    MonitoringClient monitoring,
    DeploymentsDbContext db,
    IOptions<DeployerOptions> options,
    TimeProvider time,
    ILogger<VertexEndpointTarget> logger) : IEndpointTarget
{
    public const string ResponseCount = "aiplatform.googleapis.com/prediction/online/response_count";
    public const string PredictionLatencies = "aiplatform.googleapis.com/prediction/online/prediction_latencies";
    public const string VersionLabel = "mlops-version";

    private VertexEndpointOptions Settings => options.Value.Vertex;

    public async Task<long> ApplyAsync(string model, IReadOnlyList<SplitEntry> split, CancellationToken cancellationToken)
    {
        var generation = time.GetUtcNow().ToUnixTimeMilliseconds();
        var endpoint = await EnsureEndpointAsync(model, cancellationToken);
        var deployed = new Dictionary<int, string>();
        foreach (var entry in split)
        {
            if (Deployed(endpoint, model, entry.Version) is { Id: { } id })
            {
                deployed[entry.Version] = id;
                continue;
            }

            try
            {
                deployed[entry.Version] = await DeployAsync(endpoint, model, entry.Version, cancellationToken);
            }
            catch (VertexOperationException e)
            {
                db.Refusals.Add(new ReplicaRefusal { ReplicaId = endpoint.Name!, Model = model, Version = entry.Version, Generation = generation, Reason = $"Vertex AI could not deploy v{entry.Version}: {e.Error.Message}", At = time.GetUtcNow().UtcDateTime });
                await db.SaveChangesAsync(cancellationToken);
                logger.LogWarning("{Model} v{Version} did not deploy on {Endpoint}: {Problem}", model, entry.Version, endpoint.Name, e.Error.Message);
                return generation;
            }
        }

        endpoint = await vertex.FindEndpointAsync(endpoint.Name!, cancellationToken) ?? endpoint;
        var traffic = split.Where(e => e.Percent > 0).ToDictionary(e => deployed[e.Version], e => e.Percent);
        if (traffic.Count > 0 && !SameSplit(endpoint.TrafficSplit, traffic))
        {
            endpoint = await vertex.SetTrafficSplitAsync(endpoint, traffic, cancellationToken);
        }

        var retired = (endpoint.DeployedModels ?? []).Where(d => d.Id is not null && !deployed.ContainsValue(d.Id)).ToList();
        foreach (var old in retired)
        {
            var operation = await vertex.UndeployModelAsync(endpoint.Name!, old.Id!, traffic.Count == 0 ? new Dictionary<string, int>() : null, cancellationToken);
            await vertex.WaitAsync<System.Text.Json.JsonElement>(operation, cancellationToken);
            logger.LogInformation("{Model}: {DeployedModel} ({Version}) undeployed from {Endpoint}", model, old.Id, old.DisplayName, endpoint.Name);
        }

        logger.LogInformation("{Model}: {Endpoint} splits traffic {Split}", model, endpoint.Name, string.Join(", ", split.Select(e => $"v{e.Version} {e.Percent}%")));
        return generation;
    }

    public async Task<FleetHealth> ReadAsync(string model, long generation, CancellationToken cancellationToken)
    {
        var refusals = await db.Refusals.Where(r => r.Model == model && r.Generation == generation)
            .Select(r => new Refusal(r.Model, r.Version, r.Generation, r.Reason)).ToListAsync(cancellationToken);
        var endpoint = await vertex.FindEndpointAsync(vertex.EndpointName(model), cancellationToken);
        if (endpoint is null)
        {
            return new FleetHealth(0, 0, [], refusals);
        }

        var byId = (endpoint.DeployedModels ?? []).Where(d => d.Id is not null).ToDictionary(d => d.Id!, d => d);
        var serving = (endpoint.TrafficSplit ?? new Dictionary<string, int>()).Where(t => t.Value > 0).Select(t => t.Key).ToList();
        var ready = serving.All(id => byId.TryGetValue(id, out var d) && (d.Status?.AvailableReplicaCount ?? Settings.MinReplicas) >= 1);
        var since = DateTimeOffset.FromUnixTimeMilliseconds(generation);
        var now = time.GetUtcNow();
        var filter = $"resource.labels.endpoint_id = \"{model}\"";
        var responses = await monitoring.ListTimeSeriesAsync($"metric.type = \"{ResponseCount}\" AND {filter}", since, now, cancellationToken);
        var latencies = await monitoring.ListTimeSeriesAsync($"metric.type = \"{PredictionLatencies}\" AND {filter}", since, now, cancellationToken);

        var versions = new List<VersionTotals>();
        foreach (var (id, deployedModel) in byId)
        {
            if (VersionOf(model, deployedModel) is not { } version)
            {
                continue;
            }

            long requests = 0, errors = 0;
            foreach (var series in responses.Where(s => s.Metric.Label("deployed_model_id") == id))
            {
                var count = Since(series, since).Sum(p => p.Value.Int64Value ?? 0);
                if (series.Metric.Label("response_code") is { } code && code.StartsWith('5'))
                {
                    errors += count;
                }
                else if (series.Metric.Label("response_code") is { } ok && ok.StartsWith('2'))
                {
                    requests += count;
                }
            }

            var latency = new long[FleetHistograms.LatencyBuckets];
            var warm = (deployedModel.CreateTime ?? since).AddSeconds(Settings.LatencyWarmupSeconds);
            foreach (var series in latencies.Where(s => s.Metric.Label("deployed_model_id") == id && s.Metric.Label("latency_type") is null or "model"))
            {
                foreach (var point in Since(series, since > warm ? since : warm))
                {
                    AddTo(latency, point.Value.DistributionValue);
                }
            }

            versions.Add(new VersionTotals(version, requests, requests, errors, latency, new long[FleetHistograms.ScoreBuckets], null));
        }

        return new FleetHealth(1, ready ? 1 : 0, versions, refusals);
    }

    private async Task<VertexEndpoint> EnsureEndpointAsync(string model, CancellationToken cancellationToken)
    {
        if (await vertex.FindEndpointAsync(vertex.EndpointName(model), cancellationToken) is { } existing)
        {
            return existing;
        }

        var operation = await vertex.CreateEndpointAsync(model, new VertexEndpoint { DisplayName = model, Description = $"{model}, served by the MlOps Deployer" }, cancellationToken);
        var created = await vertex.WaitAsync<VertexEndpoint>(operation, cancellationToken);
        logger.LogInformation("{Model}: Vertex AI endpoint {Endpoint} created", model, created.Name);
        return created;
    }

    private async Task<string> DeployAsync(VertexEndpoint endpoint, string model, int version, CancellationToken cancellationToken)
    {
        var found = await vertex.ListVersionsAsync(vertex.ModelName(model), $"labels.{VersionLabel}={version.ToString(CultureInfo.InvariantCulture)}", cancellationToken);
        var mirrored = found.FirstOrDefault(v => v.VersionId is not null)
            ?? throw new InvalidOperationException($"v{version} of {model} is not in the Vertex AI Model Registry yet (the Registry mirrors it when Registry:Vertex:Mirror is on); the rollout waits for it");
        var request = new DeployedModel
        {
            Model = vertex.VersionName(model, mirrored.VersionId!),
            DisplayName = DisplayName(model, version),
            DedicatedResources = new DedicatedResources(new MachineSpec(Settings.MachineType), Settings.MinReplicas, Settings.MaxReplicas),
            ServiceAccount = Settings.ServiceAccount,
        };
        var operation = await vertex.DeployModelAsync(endpoint.Name!, request, null, cancellationToken);
        var response = await vertex.WaitAsync<DeployModelResponse>(operation, cancellationToken);
        logger.LogInformation("{Model} v{Version} deployed on {Endpoint} as {DeployedModel} ({Machine}, {Min}–{Max} replicas)", model, version, endpoint.Name, response.DeployedModel.Id, Settings.MachineType, Settings.MinReplicas, Settings.MaxReplicas);
        return response.DeployedModel.Id ?? throw new VertexOperationException(operation.Name, new RpcStatus(13, "the deployed model has no ID"));
    }

    private static DeployedModel? Deployed(VertexEndpoint endpoint, string model, int version) =>
        endpoint.DeployedModels?.FirstOrDefault(d => d.DisplayName == DisplayName(model, version));

    private static string DisplayName(string model, int version) => $"{model}-v{version.ToString(CultureInfo.InvariantCulture)}";

    private static int? VersionOf(string model, DeployedModel deployed) =>
        deployed.DisplayName is { } name && name.StartsWith(model + "-v", StringComparison.Ordinal) && int.TryParse(name.AsSpan(model.Length + 2), CultureInfo.InvariantCulture, out var version) ? version : null;

    private static bool SameSplit(IReadOnlyDictionary<string, int>? current, Dictionary<string, int> wanted) =>
        current is not null && current.Where(c => c.Value > 0).Count() == wanted.Count && wanted.All(w => current.TryGetValue(w.Key, out var p) && p == w.Value);

    private static IEnumerable<Point> Since(TimeSeries series, DateTimeOffset since) => (series.Points ?? []).Where(p => p.Interval.EndTime >= since);

    // Each Monitoring bucket's count goes to our bucket holding its upper bound: a p99 read from it is never lower than the true one.
    private static void AddTo(long[] latency, Distribution? distribution)
    {
        if (distribution?.BucketCounts is not { } counts)
        {
            return;
        }

        for (var i = 0; i < counts.Count; i++)
        {
            if (counts[i] > 0)
            {
                var upper = distribution.UpperBound(i);
                latency[double.IsFinite(upper) ? FleetHistograms.LatencyBucket(upper) : latency.Length - 1] += counts[i];
            }
        }
    }
}
