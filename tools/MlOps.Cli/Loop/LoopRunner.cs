using System.Net.Http.Json;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using MlOps.Contracts;
using MlOps.Contracts.Api;
using MlOps.Core.Synthetic;
using MlOps.Embedded;

namespace MlOps.Cli.Loop;

/// <summary>
/// Runs the closed loop: train and deploy v1, serve stable traffic, switch to a drifted regime with
/// new labelled snapshots, and follow the services as they detect the drift, retrain, gate and roll
/// the new version out. The loop closes when the new version serves all traffic.
/// </summary>
internal sealed class LoopRunner(LoopOptions options, Timeline timeline)
{
    public WebApplication? App { get; private set; }

    public string? BaseUrl { get; private set; }

    /// <summary>Runs the loop and shuts the services down.</summary>
    public async Task<LoopResult> RunAndStopAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            return await RunAsync(cancellationToken);
        }
        finally
        {
            if (App is not null)
            {
                await App.StopAsync(CancellationToken.None);
                await App.DisposeAsync();
            }
        }
    }

    public async Task<LoopResult> RunAsync(CancellationToken cancellationToken)
    {
        var artifacts = Path.GetFullPath(Path.Combine(options.WorkDirectory, "artifacts"));
        if (Directory.Exists(options.WorkDirectory))
        {
            Directory.Delete(options.WorkDirectory, recursive: true);
        }

        var dataset = Path.Combine(artifacts, "datasets", options.Model);
        Snapshots.Append(dataset, DriftScenario.None, options.Snapshots, options.RowsPerSnapshot, options.Seed);
        timeline.Note("Data", "snapshots", $"{options.Snapshots} × {options.RowsPerSnapshot:N0} rows of the stable regime in {dataset}");

        App = EmbeddedHost.Build(artifacts, options.ServiceSettings(), options.Verbose, console: options.Console);
        BaseUrl = EmbeddedHost.BaseUrl(App);
        await App.StartAsync(cancellationToken);
        var bus = App.Services.GetRequiredService<IBus>();
        bus.ConnectPublishObserver(timeline);
        timeline.Note("Loop", "services up", $"Trainer, Registry, Deployer, Predictor, DriftWatcher on {BaseUrl} (in-memory bus)");
        if (options.Console)
        {
            timeline.Note("Loop", "console", $"{BaseUrl}/");
        }

        await using var traffic = new TrafficGenerator(BaseUrl, options.Model, options.Seed, options.Workers, options.RequestsPerSecond);
        ModelTrained? first = null;
        DriftDetected? drift = null;
        ModelTrained? retrained = null;
        ModelPromoted? promotion = null;
        DeploymentCompleted? deployment = null;
        TimeSpan? detection = null, latency = null;
        var falseAlarms = 0;
        IReadOnlyDictionary<string, long> finalVersions = new Dictionary<string, long>();
        try
        {
            await bus.Publish(new TrainingRequested(NewId.NextGuid(), options.Model, TrainingReasons.Initial, DateTimeOffset.UtcNow), cancellationToken);
            first = await timeline.WaitFor<ModelTrained>(_ => true, options.StepTimeout, cancellationToken, Failure(1));
            await timeline.WaitFor<DeploymentCompleted>(d => d.Version == 1, options.StepTimeout, cancellationToken, Failure(1));

            traffic.Start();
            timeline.Note("Traffic", "stable traffic", $"~{options.RequestsPerSecond:F0} requests/s to {BaseUrl}/v1/models/{options.Model}:predict");
            await Task.Delay(options.StablePeriod, cancellationToken);
            falseAlarms = timeline.Events.Count(e => e.Message is DriftDetected);

            traffic.Scenario = options.Scenario;
            var onset = timeline.Elapsed;
            timeline.Note("Traffic", "drift begins", $"{Scenarios.Name(options.Scenario)} traffic; its labelled snapshots land in the dataset folder");
            var written = Snapshots.Append(dataset, options.Scenario, options.Snapshots, options.RowsPerSnapshot, options.Seed);
            var labels = AnnounceSnapshots(bus, written, artifacts, cancellationToken);

            drift = await timeline.WaitFor<DriftDetected>(_ => true, options.StepTimeout, cancellationToken);
            detection = timeline.Events.First(e => ReferenceEquals(e.Message, drift)).At - onset;
            retrained = await timeline.WaitFor<ModelTrained>(m => m.RequestId != first.RequestId, options.StepTimeout, cancellationToken, Failure(2));
            promotion = await timeline.WaitFor<ModelPromoted>(p => p.Version >= 2, options.StepTimeout, cancellationToken, Failure(2));
            deployment = await timeline.WaitFor<DeploymentCompleted>(d => d.Version == promotion.Version, options.StepTimeout, cancellationToken, Failure(promotion.Version));
            latency = timeline.Events.First(e => ReferenceEquals(e.Message, deployment)).At - onset;

            await labels;
            await VerifyServing(promotion.Version, cancellationToken);
            traffic.ResetVersions();
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            finalVersions = new Dictionary<string, long>(traffic.Versions);
            timeline.Note("Loop", "closed", $"v{promotion.Version} answers {finalVersions.GetValueOrDefault(promotion.Version.ToString())} of {finalVersions.Values.Sum()} requests in the last second");
            var closed = finalVersions.Count == 1 && finalVersions.ContainsKey(promotion.Version.ToString());
            return Result(closed, closed ? null : $"traffic still reaches {string.Join(", ", finalVersions.Keys.Select(v => "v" + v))}");
        }
        catch (LoopFailedException e)
        {
            return Result(false, e.Message);
        }

        LoopResult Result(bool closed, string? problem) => new(closed, problem, first, drift, retrained, promotion, deployment, detection, latency, falseAlarms, traffic.Sent, traffic.Failed, finalVersions, timeline.Elapsed);
    }

    // The data catalogue announces the snapshots once their labels are in, after the live traffic has shifted.
    private async Task AnnounceSnapshots(IBus bus, IReadOnlyList<string> written, string artifacts, CancellationToken cancellationToken)
    {
        await Task.Delay(options.LabelDelay, cancellationToken);
        foreach (var file in written)
        {
            await bus.Publish(new DatasetSnapshotAdded(options.Model, Path.GetRelativePath(artifacts, file), options.RowsPerSnapshot, DateTimeOffset.UtcNow), cancellationToken);
        }
    }

    private async Task VerifyServing(int version, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = new Uri(BaseUrl!) };
        var endpoint = await http.GetFromJsonAsync<EndpointView>($"/admin/endpoints/{options.Model}", ApiJson.Options, cancellationToken);
        if (endpoint is null || endpoint.Versions.Count != 1 || endpoint.Versions[0].Version != version || endpoint.Versions[0].Percent != 100)
        {
            throw new LoopFailedException($"the Predictor's split is not v{version} at 100%: {string.Join(", ", endpoint?.Versions.Select(v => $"v{v.Version} {v.Percent}%") ?? [])}");
        }
    }

    // A step fails as soon as the message that ends the version's journey arrives.
    private static Func<object, string?> Failure(int version) => message => message switch
    {
        TrainingFailed m => $"training failed: {m.Errors.FirstOrDefault()}",
        ModelRejected m when m.Version >= version => $"the gate rejected v{m.Version}: {m.Verdict.Reason}",
        DeploymentRolledBack m when m.Version >= version => $"v{m.Version} was rolled back: {m.Reason}",
        _ => null,
    };

}
