using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MlOps.Deployer;
using MlOps.DriftWatcher;
using MlOps.Platform.Artifacts;
using MlOps.Platform.Configuration;
using MlOps.Platform.Messaging;
using MlOps.Platform.Net;
using MlOps.Predictor;
using MlOps.Registry;
using MlOps.Trainer;
using MlOps.WebConsole;
using MlOps.WebConsole.Clients;

namespace MlOps.Embedded;

/// <summary>
/// All five services as modules of one process: the same <c>Add…()</c> each service host calls,
/// on MassTransit's in-memory bus, with SQLite files and an artifact folder under one directory,
/// serving HTTP on 127.0.0.1. With <c>console</c>, the console's pages are served at the same address, reading
/// the services there: the host's entry assembly must then carry the static web assets (the CLI does).
/// </summary>
public static class EmbeddedHost
{
    public static WebApplication Build(string artifactRoot, IDictionary<string, string?> settings, bool verbose, int port = 0, bool console = false)
    {
        port = port == 0 ? LoopbackPort.Free() : port;
        var url = $"http://127.0.0.1:{port}";
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Microsoft.Extensions.Hosting.Environments.Production, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["urls"] = url,
            [SettingKey.For<MessagingOptions>(o => o.Transport)] = nameof(TransportKind.InMemory),
            [SettingKey.For<ArtifactOptions>(o => o.Root)] = artifactRoot,
            [PredictorExtensions.DeployerUrlKey] = url,
            [SettingKey.For<PredictorOptions>(o => o.LogToStdout)] = "false",
            [SettingKey.For<DriftWatcherOptions>(o => o.ScheduleTimer)] = "true",
            // The replica reports to a Deployer in the same process: four times a second costs nothing and
            // tells a canary's count and a finished rollout's convergence without a second's lag.
            [SettingKey.For<PredictorOptions>(o => o.Fleet.ReportMilliseconds)] = "250",
        });
        if (console)
        {
            builder.Configuration.AddInMemoryCollection(PlatformClient.Services.Select(s => KeyValuePair.Create($"services:{s}:http:0", (string?)url)));
        }

        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddServiceDefaults();

        // The timeline is the loop's output; service logs only on request.
        builder.Logging.ClearProviders();
        if (verbose)
        {
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        }

        builder.AddTrainer();
        builder.AddRegistry();
        builder.AddDeployer();
        builder.AddPredictor();
        builder.AddDriftWatcher();
        builder.AddMessageBus();
        if (console)
        {
            builder.AddConsole();
        }

        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapTrainer();
        app.MapRegistry();
        app.MapDeployer();
        app.MapPredictor();
        app.MapDriftWatcher();
        if (console)
        {
            app.MapConsole();
        }

        return app;
    }

    public static string BaseUrl(WebApplication app) => app.Configuration["urls"]!;
}
