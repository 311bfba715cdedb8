using Microsoft.Extensions.Options;
using MlOps.GoogleApis;
using MlOps.Platform.Configuration;
using MlOps.Platform.Identity;
using MlOps.Platform.Messaging;
using MlOps.Platform.Storage;
using MlOps.Platform.Telemetry;
using MlOps.Registry.Apis;
using MlOps.Registry.Consumers;
using MlOps.Registry.Infrastructure;
using MlOps.Registry.Telemetry;
using MlOps.Registry.Vertex;

namespace MlOps.Registry;

public static class RegistryExtensions
{
    /// <summary>The Registry module: versions, lineage, aliases and the champion/challenger gate, on SQLite or PostgreSQL.</summary>
    public static IHostApplicationBuilder AddRegistry(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var settings = builder.Settings<RegistryOptions>();
        builder.AddServiceIdentity();

        // Read whether or not a Vertex AI feature is on, so that every environment's settings are checked alike.
        builder.AddSettings<GoogleApiOptions>();
        builder.AddServiceDatabase<RegistryDbContext>(RegistryOptions.ConnectionName, services => services.GetRequiredService<IOptions<RegistryOptions>>().Value.Database, "registry.db");
        builder.Services.AddScoped<ModelRegistry>();
        builder.Services.AddMetrics<RegistryMetrics>();
        builder.Services.AddSingleton(TimeProvider.System);
        if (settings.Vertex.Mirror)
        {
            builder.AddGoogleApis();
            builder.Services.AddScoped<VertexMirror>();
            builder.Services.AddHostedService<VertexMirrorWorker>();
        }

        // One writer per process keeps version numbers dense; the unique indexes guard the rest.
        builder.Messaging()
            .AddConsumer<ModelTrainedConsumer>(EndpointNames.Registry, e => e.ConcurrentMessageLimit = 1)
            .AddConsumer<DeploymentOutcomeConsumer>(EndpointNames.Registry)
            .AddConsumer<TrainingFailedConsumer>(EndpointNames.Registry);
        return builder;
    }

    public static WebApplication MapRegistry(this WebApplication app)
    {
        app.MapRegistryApi();
        return app;
    }
}
