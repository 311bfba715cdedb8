using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using MlOps.Contracts;
using MlOps.Contracts.Api;
using MlOps.Core.Synthetic;

namespace MlOps.Cli.Loop;

/// <summary>
/// Drives the loop against services that already run as separate processes (under Aspire, or by
/// hand): data into the shared artifact folder, v1 through the Trainer's API, traffic through the
/// Predictor, then drift — and follows the services over HTTP until a new version serves everything.
/// </summary>
internal sealed class ServiceDriver(DriveOptions options, Action<string, string> report)
{
    private readonly HttpClient _http = new(new CallerTokenHandler(options.IdTokens ?? (_ => null))) { Timeout = TimeSpan.FromSeconds(30) };
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public async Task<DriveResult> RunAsync(CancellationToken cancellationToken)
    {
        await WaitHealthy(cancellationToken);
        var dataset = Path.Combine(options.Artifacts, "datasets", options.Model);
        if (!Directory.Exists(dataset) || !Directory.EnumerateFiles(dataset, "*.csv").Any())
        {
            Snapshots.Append(dataset, DriftScenario.None, options.Snapshots, options.RowsPerSnapshot, options.Seed);
            report("Data", $"{options.Snapshots} stable snapshots in {dataset}");
        }

        var before = await Serving(cancellationToken);
        if (before is null)
        {
            (await _http.PostAsJsonAsync($"{options.Trainer}/api/training", new TrainingRequest(options.Model, TrainingReasons.Initial), ApiJson.Options, cancellationToken)).EnsureSuccessStatusCode();
            report("Trainer", "asked for the first version");
            before = await Until(async () => await Serving(cancellationToken), v => v is not null, "a first version to serve all traffic", cancellationToken);
        }

        report("Predictor", $"v{before} serves all traffic");
        await using var traffic = new TrafficGenerator(options.Predictor, options.Model, options.Seed, options.Workers, options.RequestsPerSecond, options.PredictTarget);
        traffic.Start();
        report("Traffic", $"~{options.RequestsPerSecond:F0} requests/s of stable traffic");
        await Task.Delay(options.StablePeriod, cancellationToken);
        var alertsBefore = await Alerts(cancellationToken);

        var written = Snapshots.Append(dataset, options.Scenario, options.Snapshots, options.RowsPerSnapshot, options.Seed);
        traffic.Scenario = options.Scenario;
        var onset = _clock.Elapsed;
        report("Traffic", $"drift begins: {Scenarios.Name(options.Scenario)} traffic and {options.Snapshots} labelled snapshots");
        var labels = SnapshotAnnouncer.AnnounceAsync(_http, options.DriftWatcher, options.Model, options.Artifacts, written, options.LabelDelay, cancellationToken);

        var alerts = await Until(async () => await Alerts(cancellationToken), a => a.Count > alertsBefore.Count, "DriftWatcher to raise an alert", cancellationToken);
        var latest = alerts[0];
        report("DriftWatcher", $"{latest.Kind} on v{latest.Version}: " + string.Join(", ", latest.Features.Where(f => f.Drifted).Select(f => $"{f.Feature} {f.Distance:F3}")));
        var after = await Until(async () => await Serving(cancellationToken), v => v is not null && v != before, "a new version to serve all traffic", cancellationToken);
        var latency = _clock.Elapsed - onset;
        report("Predictor", $"v{after} serves all traffic, {latency.TotalSeconds:F1} s after the drift began");
        await labels;
        return new DriveResult(true, before!.Value, after!.Value, latency, traffic.Sent, traffic.Failed);
    }

    private async Task WaitHealthy(CancellationToken cancellationToken)
    {
        foreach (var (name, url) in new[] { ("Trainer", $"{options.Trainer}/health"), ("Registry", $"{options.Registry}/health"), ("Deployer", $"{options.Deployer}/health"), ("DriftWatcher", $"{options.DriftWatcher}/health"), ("Predictor", $"{options.Predictor}/health") })
        {
            await Until(async () => await StatusOf(url, cancellationToken), s => s == HttpStatusCode.OK, $"{name} at {url} to be healthy", cancellationToken);
        }

        report("Services", "Trainer, Registry, Deployer, DriftWatcher and Predictor are up");
    }

    // The version of the Deployer's last completed rollout: every live replica serves it, alone.
    private async Task<int?> Serving(CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync($"{options.Deployer}/api/deployments/current/{options.Model}", cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            return null;
        }

        return (await response.Content.ReadFromJsonAsync<DeploymentView>(ApiJson.Options, cancellationToken))?.Version;
    }

    /// <summary>The model's alerts, newest first.</summary>
    private async Task<IReadOnlyList<DriftDetected>> Alerts(CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync($"{options.DriftWatcher}/api/drift/{options.Model}", cancellationToken);
        return response.IsSuccessStatusCode
            ? (await response.Content.ReadFromJsonAsync<DriftStatus>(ApiJson.Options, cancellationToken))?.Alerts ?? []
            : [];
    }

    private async Task<HttpStatusCode?> StatusOf(string url, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await _http.GetAsync(url, cancellationToken);
            return response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    private async Task<T> Until<T>(Func<Task<T>> read, Func<T, bool> done, string what, CancellationToken cancellationToken)
    {
        var deadline = _clock.Elapsed + options.StepTimeout;
        string? unreachable = null;
        while (true)
        {
            // A service that is restarting (a crash, a new revision) is waited for, not a reason to give up.
            try
            {
                var value = await read();
                if (done(value))
                {
                    return value;
                }
            }
            catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                unreachable = e.Message;
            }

            if (_clock.Elapsed > deadline)
            {
                throw new LoopFailedException($"waited {options.StepTimeout.TotalSeconds:F0} s for {what}" + (unreachable is null ? "" : $" (last error: {unreachable})"));
            }

            await Task.Delay(250, cancellationToken);
        }
    }

}

internal sealed record DriveOptions(string Trainer, string Predictor, string Registry, string Deployer, string DriftWatcher, string Artifacts)
{
    public string Model { get; init; } = "taxi-tips";

    /// <summary>The ID token to present to the service at a URL (its audience), or null for none: services with an audience need one to change state.</summary>
    public Func<Uri, string?>? IdTokens { get; init; }

    /// <summary>Prediction traffic goes here instead of the Predictor's route (a Vertex AI endpoint).</summary>
    public PredictTarget? PredictTarget { get; init; }

    public DriftScenario Scenario { get; init; } = DriftScenario.AirportSurge;

    public int Snapshots { get; init; } = 3;

    public int RowsPerSnapshot { get; init; } = 8000;

    public double RequestsPerSecond { get; init; } = 250;

    public int Workers { get; init; } = 4;

    public int Seed { get; init; } = 11;

    public TimeSpan StablePeriod { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long after the drift begins its labels land: ground truth lags live traffic.</summary>
    public TimeSpan LabelDelay { get; init; } = TimeSpan.FromSeconds(3);

    public TimeSpan StepTimeout { get; init; } = TimeSpan.FromSeconds(180);
}

internal sealed record DriveResult(bool Closed, int FromVersion, int ToVersion, TimeSpan LoopLatency, long Requests, long FailedRequests);
