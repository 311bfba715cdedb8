using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using MlOps.Contracts;
using MlOps.Platform.Artifacts;
using MlOps.Platform.Configuration;
using MlOps.Platform.Identity;
using MlOps.Platform.Messaging;
using MlOps.Platform.Telemetry;
using MlOps.Predictor.Apis;
using MlOps.Predictor.Fleet;
using MlOps.Predictor.Logging;
using MlOps.Predictor.Serving;
using MlOps.Predictor.Telemetry;
using MlOps.Predictor.Vertex;

namespace MlOps.Predictor;

public static class PredictorExtensions
{
    /// <summary>The Deployer's base URL, which a replica follows (service discovery; Aspire and the environments set it).</summary>
    public const string DeployerUrlKey = "services:deployer:http:0";

    /// <summary>
    /// The Predictor module: one replica of the serving fleet. It serves the Deployer's desired state —
    /// fetched at start, followed by long poll, reported on every second — or, pinned to one package
    /// (<c>Predictor:PackageUri</c>, Vertex AI's <c>AIP_STORAGE_URI</c>), that package alone. A gs://
    /// <c>AIP_STORAGE_URI</c> is downloaded with the registered <see cref="CloudStorageEndpoint"/>
    /// (Google Cloud with Application Default Credentials unless one is registered before this call).
    /// </summary>
    public static IHostApplicationBuilder AddPredictor(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddArtifactStore();
        builder.AddServiceIdentity();
        var settings = builder.Settings<PredictorOptions>();
        var vertex = VertexAiContract.From(builder);
        var deployer = builder.ReadSetting(DeployerUrlKey);
        builder.Services.AddSingleton(vertex);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<EndpointRegistry>();
        builder.Services.AddSingleton<PredictionService>();
        builder.Services.AddSingleton<PredictionLog>();
        builder.Services.AddMetrics<PredictorMetrics>();
        builder.Services.AddHostedService<PredictionLogWriter>();
        builder.Services.AddSingleton(services => new ReplicaIdentity(settings.Fleet.ReplicaId, services.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton<FleetLink>();
        var health = builder.Services.AddHealthChecks()
            .AddCheck<DesiredStateHealthCheck>("desired-state", tags: [Extensions.StartedTag])
            .AddCheck<ServingHealthCheck>("serving");
        if (settings.PackageUri is null && vertex.CloudStorage is not null)
        {
            builder.Services.TryAddSingleton(CloudStorageEndpoint.GoogleCloud);
            builder.Services.AddSingleton<StorageFolderDownloader>();
            builder.Services.AddSingleton<CloudStorageModelLoader>();
            builder.Services.AddHostedService(services => services.GetRequiredService<CloudStorageModelLoader>());
            health.AddCheck<CloudStorageModelHealthCheck>("vertex-model", tags: [Extensions.StartedTag]);
        }
        else if (settings.PackageUri is not null || vertex.StorageUri is not null)
        {
            builder.Services.AddHostedService<StartupModelLoader>();
        }
        else
        {
            builder.Settings<IdTokenOptions>();
            builder.Services.AddHttpClient<DeployerClient>(http => http.BaseAddress = new Uri(deployer
                ?? throw new InvalidOperationException($"{DeployerUrlKey} is required: the Predictor follows the Deployer's desired state (or pin a package with Predictor:PackageUri)")))
                .WithIdToken();
            builder.Services.AddSingleton<FleetReporter>();
            builder.Services.AddHostedService(services => services.GetRequiredService<FleetReporter>());
            builder.Services.AddHostedService<FleetFollower>();
        }

        builder.Services.AddSingleton<Batch.BatchJobs>();
        builder.Messaging()
            .SendAsRawJson<PredictionLogEntry>()
            .AddConsumer<Batch.BatchPredictionRequestedConsumer>(EndpointNames.PredictorBatch, e => e.ConcurrentMessageLimit = 1);

        if (vertex.HttpPort is { } port && builder is WebApplicationBuilder web)
        {
            web.WebHost.UseUrls($"http://0.0.0.0:{port}");
        }

        return builder;
    }

    public static WebApplication MapPredictor(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<PredictorOptions>>().Value;
        var vertex = app.Services.GetRequiredService<VertexAiContract>();
        app.MapPredictApi(options, vertex);
        app.MapAdminApi(options);
        app.MapBatchApi();
        // A health route that is one of the default health endpoints is already mapped (the Registry's mirror names /started).
        if (vertex.HealthRoute is { } health && health is not (Extensions.HealthPath or Extensions.StartedPath or Extensions.AlivePath))
        {
            app.MapHealthChecks(health);
        }

        return app;
    }
}
