using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MlOps.Core.Synthetic;

namespace MlOps.Cli.Loop;

/// <summary>
/// Steady prediction traffic against running services, steered over HTTP: <c>POST /scenario/{name}</c>
/// shifts the traffic to a drift scenario and lands that scenario's labelled snapshots in the dataset
/// folder (announced to the DriftWatcher once their labels are in), so the loop runs again.
/// </summary>
internal sealed class TrafficControl(TrafficOptions options, Action<string, string> report) : IAsyncDisposable
{
    private readonly HttpClient _http = new(new CallerTokenHandler(options.IdTokens ?? (_ => null))) { Timeout = TimeSpan.FromSeconds(30) };
    private readonly TrafficGenerator _traffic = new(options.Predictor, options.Model, options.Seed, options.Workers, options.RequestsPerSecond);
    private readonly Lock _lock = new();
    private Task _labels = Task.CompletedTask;

    public DriftScenario Scenario => _traffic.Scenario;

    public async Task RunAsync(int port, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        await using var app = builder.Build();
        app.MapGet("/", Status);
        app.MapPost("/scenario/{name}", (string name) => Shift(name, cancellationToken));

        _traffic.Scenario = options.Scenario;
        _traffic.Start();
        report("Traffic", $"~{options.RequestsPerSecond:F0} requests/s of {Scenarios.Name(options.Scenario)} traffic; shift it with POST http://127.0.0.1:{port}/scenario/<name>");
        await app.RunAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _traffic.DisposeAsync();
        await _labels.ContinueWith(_ => { }, TaskScheduler.Default);
        _http.Dispose();
    }

    private IResult Status() => Results.Ok(new TrafficStatus(Scenarios.Name(_traffic.Scenario), _traffic.Sent, _traffic.Failed, _traffic.Versions.ToDictionary()));

    private IResult Shift(string name, CancellationToken cancellationToken)
    {
        if (!Scenarios.TryParse(name, out var scenario))
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["name"] = [$"unknown scenario '{name}'; use one of {string.Join(", ", Enum.GetValues<DriftScenario>().Select(Scenarios.Name))}"] });
        }

        lock (_lock)
        {
            if (scenario == _traffic.Scenario)
            {
                return Status();
            }

            var dataset = Path.Combine(options.Artifacts, "datasets", options.Model);
            var written = Snapshots.Append(dataset, scenario, options.Snapshots, options.RowsPerSnapshot, options.Seed);
            _traffic.Scenario = scenario;
            _traffic.ResetVersions();
            _labels = SnapshotAnnouncer.AnnounceAsync(_http, options.DriftWatcher, options.Model, options.Artifacts, written, options.LabelDelay, cancellationToken);
            report("Traffic", $"now {Scenarios.Name(scenario)} traffic, with {written.Count} labelled snapshots of it in {dataset}");
            return Status();
        }
    }
}

internal sealed record TrafficOptions(string Predictor, string DriftWatcher, string Artifacts)
{
    public string Model { get; init; } = "taxi-tips";

    public DriftScenario Scenario { get; init; } = DriftScenario.None;

    public int Snapshots { get; init; } = 3;

    public int RowsPerSnapshot { get; init; } = 8000;

    public double RequestsPerSecond { get; init; } = 50;

    public int Workers { get; init; } = 2;

    public int Seed { get; init; } = 23;

    public TimeSpan LabelDelay { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>The ID token for the DriftWatcher's snapshot announcements, by its URL (see <see cref="DriveOptions.IdTokens"/>).</summary>
    public Func<Uri, string?>? IdTokens { get; init; }
}

internal sealed record TrafficStatus(string Scenario, long Sent, long Failed, IReadOnlyDictionary<string, long> Versions);
