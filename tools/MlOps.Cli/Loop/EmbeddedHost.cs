using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MlOps.Deployer;
using MlOps.DriftWatcher;
using MlOps.Platform.Messaging;
using MlOps.Predictor;
using MlOps.Registry;
using MlOps.Trainer;

namespace MlOps.Cli.Loop;

/// <summary>
/// All five services as modules of one process: the same <c>Add…()</c> each service host calls,
/// on MassTransit's in-memory bus, with SQLite files and an artifact folder under one directory,
/// serving HTTP on 127.0.0.1.
/// </summary>
internal static class EmbeddedHost
{
    public static WebApplication Build(string artifactRoot, IDictionary<string, string?> settings, bool verbose, int port = 0)
    {
        port = port == 0 ? FreePort() : port;
        var url = $"http://127.0.0.1:{port}";
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Microsoft.Extensions.Hosting.Environments.Production, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["urls"] = url,
            ["MlOps:Transport"] = "InMemory",
            ["MlOps:Artifacts:Root"] = artifactRoot,
            [DeployerExtensions.PredictorUrlKey] = url,
            ["Predictor:LogToStdout"] = "false",
        });
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

        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapTrainer();
        app.MapRegistry();
        app.MapDeployer();
        app.MapPredictor();
        app.MapDriftWatcher();
        return app;
    }

    public static string BaseUrl(WebApplication app) => app.Configuration["urls"]!;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
