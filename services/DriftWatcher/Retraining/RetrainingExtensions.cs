using MlOps.DriftWatcher.Telemetry;
using MlOps.GoogleApis;
using MlOps.Platform.Configuration;
using MlOps.Platform.Telemetry;

namespace MlOps.DriftWatcher.Retraining;

internal static class RetrainingExtensions
{
    /// <summary>
    /// How drift asks for retraining: a run of <c>DriftWatcher:Retraining:Trigger</c> through Cloud Build's API when it is
    /// set (which needs <c>DriftWatcher:Retraining:Branch</c>), a TrainingRequested on the bus otherwise.
    /// </summary>
    public static IHostApplicationBuilder AddRetraining(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        // Read whether or not the trigger is set, so that every environment's settings are checked alike.
        builder.AddSettings<GoogleApiOptions>();
        var settings = builder.Settings<DriftWatcherOptions>().Retraining;
        builder.Services.AddSingleton<BusRetrainingRequests>();
        if (string.IsNullOrWhiteSpace(settings.Trigger))
        {
            builder.Services.AddSingleton<IRetrainingRequests>(services => services.GetRequiredService<BusRetrainingRequests>());
            return builder;
        }

        if (string.IsNullOrWhiteSpace(settings.Branch))
        {
            throw new InvalidOperationException("DriftWatcher:Retraining:Trigger runs the environment's retraining build: set DriftWatcher:Retraining:Branch too (the renderer sets it from the environment)");
        }

        builder.AddGoogleApis();
        builder.Services.AddSingleton<RetrainingRuns>();
        builder.Services.AddMetrics<RetrainingMetrics>();
        builder.Services.AddScoped<IRetrainingRequests, CloudBuildRetrainingRequests>();
        return builder;
    }
}
