using Microsoft.EntityFrameworkCore;
using MlOps.Platform.Artifacts;
using MlOps.Platform.Messaging;
using MlOps.Platform.Telemetry;
using MlOps.Registry.Apis;
using MlOps.Registry.Consumers;
using MlOps.Registry.Infrastructure;
using MlOps.Registry.Telemetry;

namespace MlOps.Registry;

public static class RegistryExtensions
{
    /// <summary>The Registry module: versions, lineage, aliases and the champion/challenger gate, on SQLite or PostgreSQL.</summary>
    public static IHostApplicationBuilder AddRegistry(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddArtifactStore();
        builder.Services.AddOptions<RegistryOptions>().BindConfiguration(RegistryOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<GatePolicy>().BindConfiguration($"{RegistryOptions.Section}:Gate").ValidateDataAnnotations().ValidateOnStart();

        var provider = builder.Configuration.GetValue($"{RegistryOptions.Section}:Database:Provider", DatabaseProvider.Sqlite);
        var connection = builder.Configuration.GetConnectionString("Registry");
        builder.Services.AddDbContext<RegistryDbContext>((services, options) =>
        {
            switch (provider)
            {
                case DatabaseProvider.PostgreSQL:
                    options.UseNpgsql(connection ?? throw new InvalidOperationException("ConnectionStrings:Registry is required for the PostgreSQL registry"));
                    break;
                default:
                    options.UseSqlite(connection ?? $"Data Source={DefaultSqlitePath(services)}");
                    break;
            }
        });
        builder.Services.AddHealthChecks().AddCheck<RegistryDatabaseHealthCheck>("registry-database");
        builder.Services.AddHostedService<RegistryDatabaseInitializer>();
        builder.Services.AddScoped<ModelRegistry>();
        builder.Services.AddMetrics<RegistryMetrics>();
        builder.Services.AddSingleton(TimeProvider.System);

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

    private static string DefaultSqlitePath(IServiceProvider services)
    {
        var root = services.GetRequiredService<ArtifactStore>().Root;
        Directory.CreateDirectory(root);
        return Path.Combine(root, "registry.db");
    }
}
