using Microsoft.Extensions.Options;
using MlOps.Contracts;
using MlOps.Platform.Artifacts;
using MlOps.Platform.Configuration;
using MlOps.Platform.Messaging;
using MlOps.Platform.Telemetry;
using MlOps.Predictor.Apis;
using MlOps.Predictor.Logging;
using MlOps.Predictor.Serving;
using MlOps.Predictor.Telemetry;

namespace MlOps.Predictor;

public static class PredictorExtensions
{
    /// <summary>The Predictor module: online predictions with traffic splits, hot swaps and prediction logs.</summary>
    public static IHostApplicationBuilder AddPredictor(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddArtifactStore();
        builder.AddSettings<PredictorOptions>();
        var vertex = VertexAiContract.From(builder);
        builder.Services.AddSingleton(vertex);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<EndpointRegistry>();
        builder.Services.AddSingleton<PredictionService>();
        builder.Services.AddSingleton<PredictionLog>();
        builder.Services.AddMetrics<PredictorMetrics>();
        builder.Services.AddHostedService<PredictionLogWriter>();
        builder.Services.AddHostedService<StartupModelLoader>();
        builder.Services.AddHealthChecks().AddCheck<ModelLoadedHealthCheck>("model-loaded", tags: ["ready"]);
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
        if (vertex.HealthRoute is { } health && health != Extensions.HealthPath)
        {
            app.MapHealthChecks(health);
        }

        return app;
    }
}
