using MlOps.GoogleApis;
using MlOps.Platform.Artifacts;
using MlOps.Platform.Configuration;
using MlOps.Platform.Identity;
using MlOps.Platform.Messaging;
using MlOps.Platform.Telemetry;
using MlOps.Trainer.Apis;
using MlOps.Trainer.Consumers;
using MlOps.Trainer.Telemetry;
using MlOps.Trainer.Training;

namespace MlOps.Trainer;

public static class TrainerExtensions
{
    /// <summary>The Trainer module: trains on request, evaluates against the champion, publishes the outcome.</summary>
    public static IHostApplicationBuilder AddTrainer(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddArtifactStore();
        builder.AddServiceIdentity();
        var settings = builder.Settings<TrainerOptions>();

        // Read whether or not a Vertex AI feature is on, so that every environment's settings are checked alike.
        builder.AddSettings<GoogleApiOptions>();
        builder.Services.AddSingleton<ChampionDirectory>();
        builder.Services.AddSingleton<TrainingRunner>();
        if (settings.Backend == TrainingBackend.CustomJob)
        {
            builder.AddGoogleApis();
            builder.Services.AddSingleton<ITrainingBackend, CustomJobTrainingBackend>();
        }
        else
        {
            builder.Services.AddSingleton<ITrainingBackend, LocalTrainingBackend>();
        }

        builder.Services.AddSingleton<TrainingHistory>();
        builder.Services.AddMetrics<TrainerMetrics>();
        builder.Services.AddSingleton(TimeProvider.System);

        // One training at a time per process; more instances train in parallel.
        builder.Messaging()
            .AddConsumer<TrainingRequestedConsumer>(EndpointNames.Trainer, e => e.ConcurrentMessageLimit = 1)
            .AddConsumer<ChampionChangedConsumer>(EndpointNames.Trainer)
            .AddConsumer<ModelVersionRegisteredConsumer>(EndpointNames.Trainer);
        return builder;
    }

    public static WebApplication MapTrainer(this WebApplication app)
    {
        app.MapTrainingApi();
        return app;
    }
}
