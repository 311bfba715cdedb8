using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MlOps.AppHost.Tests;

/// <summary>
/// The real AppHost started once for the test class, as F5 starts it — DCP, the dashboard (signed in
/// with a known browser token) and every resource, the Pub/Sub emulator as our Go server — in a fresh
/// artifact folder. Starting returns once every service is healthy and the loop driver has finished.
/// </summary>
public sealed class AspireApp : IAsyncLifetime
{
    public const string Collection = "the AppHost";

    public const string Model = "taxi-tips";
    public static readonly string[] Services = ["pubsub", "trainer", "registry", "deployer", "drift-watcher", "predictor", "console"];
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(6);

    private readonly MlOps.Testing.TempDirectory _artifacts = new("mlops-aspire");
    private readonly CancellationTokenSource _stop = new();
    private DistributedApplication? _app;

    public DistributedApplication App => _app ?? throw new InvalidOperationException("the app has not started");

    private readonly AppHostLog _log = new();

    /// <summary>The dashboard's sign-in link with its browser token, as the AppHost prints it for F5 users.</summary>
    public string DashboardLoginUrl => _log.LoginUrl ?? throw new InvalidOperationException("the AppHost has not printed the dashboard's login URL");

    public string DashboardUrl => new Uri(DashboardLoginUrl).GetLeftPart(UriPartial.Authority);

    public string ArtifactRoot => _artifacts.Path;

    /// <summary>From starting the AppHost to the loop driver exiting (v2 serving 100% when it exits 0).</summary>
    public TimeSpan StartToLoopClosed { get; private set; }

    public int? DriverExitCode { get; private set; }

    /// <summary>The Predictor's traffic split the moment the loop driver exited (other tests change it later).</summary>
    public System.Text.Json.JsonElement SplitWhenTheLoopClosed { get; private set; }

    /// <summary>What the loop driver printed: the loop's timeline.</summary>
    public string DriverLog => _log.Resource("loop-driver");

    /// <summary>What a resource printed.</summary>
    public string Console(string resource) => _log.Resource(resource);

    public async Task InitializeAsync()
    {
        var clock = Stopwatch.StartNew();
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.MlOps_AppHost>(
            [
                "--Parameters:pubsub-mode=executable",
                $"--ArtifactFolder={_artifacts.Path}",
                $"--ASPNETCORE_URLS=http://127.0.0.1:{LoopbackPort.Free()}",
                $"--ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL=http://127.0.0.1:{LoopbackPort.Free()}",
                $"--ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL=http://127.0.0.1:{LoopbackPort.Free()}",
                $"--ASPIRE_DASHBOARD_MCP_ENDPOINT_URL=http://127.0.0.1:{LoopbackPort.Free()}",
                "--ASPIRE_ALLOW_UNSECURED_TRANSPORT=true",
            ],
            (options, _) =>
            {
                options.DisableDashboard = false;
            },
            _stop.Token);
        builder.Services.AddLogging(logging => logging.ClearProviders().AddProvider(_log));
        _app = await builder.BuildAsync(_stop.Token);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        timeout.CancelAfter(StartTimeout);
        await _app.StartAsync(timeout.Token);

        var notifications = _app.Services.GetRequiredService<ResourceNotificationService>();
        try
        {
            foreach (var service in Services)
            {
                await notifications.WaitForResourceHealthyAsync(service, timeout.Token);
            }

            var finished = await notifications.WaitForResourceAsync("loop-driver", e => KnownResourceStates.TerminalStates.Contains(e.Snapshot.State?.Text), timeout.Token);
            DriverExitCode = finished.Snapshot.ExitCode;
            StartToLoopClosed = clock.Elapsed;
            using var predictor = Client("predictor");
            SplitWhenTheLoopClosed = await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<System.Text.Json.JsonElement>(predictor, $"/admin/endpoints/{Model}", timeout.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !_stop.IsCancellationRequested)
        {
            throw new TimeoutException($"waited {StartTimeout.TotalMinutes} min for every service to be healthy and the loop driver to finish; the driver wrote:\n{DriverLog}\nThe AppHost's warnings:\n{_log.Problems}");
        }
    }

    public HttpClient Client(string resource) => App.CreateHttpClient(resource, "http");

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_app is not null)
        {
            await _app.StopAsync(CancellationToken.None);
            await _app.DisposeAsync();
        }

        _artifacts.Dispose();
        _stop.Dispose();
    }
}

[CollectionDefinition(AspireApp.Collection)]
public sealed class AspireAppCollection : ICollectionFixture<AspireApp>;
