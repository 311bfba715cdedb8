using MassTransit;
using Microsoft.Extensions.Options;
using MlOps.Contracts;
using MlOps.DriftWatcher.Telemetry;
using MlOps.GoogleApis.CloudBuild;
using MlOps.GoogleApis.Rest;

namespace MlOps.DriftWatcher.Retraining;

/// <summary>
/// Runs the environment's retraining trigger (<c>DriftWatcher:Retraining:Trigger</c>, cloudbuild-retrain.yaml) on
/// <c>DriftWatcher:Retraining:Branch</c> with the alert's model, its id and reason drift as substitutions
/// (<see cref="RetrainBuildSubstitutions"/>); the build asks the Trainer to train. Once per alert: the alert id is claimed
/// before the run, so an alert raised again by a redelivery runs no second build. A run Cloud Build refuses (a 403 for a
/// missing <c>cloudbuild.builds.create</c>, a 404 for a trigger that does not exist, an unreachable API) is logged with
/// the permission it names, counted in <c>mlops.driftwatcher.retraining.builds</c> as refused, and falls back to
/// publishing TrainingRequested, so the loop still closes. Only the run is judged here: a build that starts and later
/// fails is Cloud Build's to report.
/// </summary>
internal sealed partial class CloudBuildRetrainingRequests(
    CloudBuildClient cloudBuild,
    BusRetrainingRequests bus,
    RetrainingRuns runs,
    RetrainingMetrics metrics,
    IOptions<DriftWatcherOptions> options,
    ILogger<CloudBuildRetrainingRequests> logger) : IRetrainingRequests
{
    public async Task RequestAsync(DriftDetected alert, IPublishEndpoint publisher, CancellationToken cancellationToken)
    {
        var settings = options.Value.Retraining;
        if (!runs.TryClaim(alert.AlertId))
        {
            metrics.Repeated(alert.Model);
            LogRepeated(logger, alert.AlertId, alert.Model);
            return;
        }

        try
        {
            var source = new RepoSource { BranchName = settings.Branch, Substitutions = Substitutions(alert) };
            BuildOperation operation;
            try
            {
                operation = await cloudBuild.RunTriggerAsync(settings.Trigger!, source, cancellationToken);
            }
            catch (Exception e) when (Refused(e, cancellationToken))
            {
                var refusal = e as GoogleApiException;
                metrics.Refused(alert.Model, refusal is null ? "UNAVAILABLE" : refusal.Status ?? $"HTTP {(int)refusal.StatusCode}");
                LogRefused(logger, e, settings.Trigger!, alert.AlertId, alert.Model, refusal?.Status, refusal?.Permission, refusal?.Resource);
                await bus.RequestAsync(alert, publisher, cancellationToken);
                return;
            }

            var build = operation.Metadata?.Build ?? operation.Response;
            metrics.Started(alert.Model);
            LogStarted(logger, build?.Id, settings.Trigger!, alert.AlertId, alert.Model, build?.LogUrl);
        }
        catch
        {
            runs.Release(alert.AlertId);
            throw;
        }
    }

    private static Dictionary<string, string> Substitutions(DriftDetected alert) => new(StringComparer.Ordinal)
    {
        [RetrainBuildSubstitutions.Model] = alert.Model,
        [RetrainBuildSubstitutions.DriftAlertId] = alert.AlertId.ToString("D"),
        [RetrainBuildSubstitutions.Reason] = TrainingReasons.Drift,
    };

    // What Google answered with an error, or could not be asked at all; a cancelled consume is not a refusal.
    private static bool Refused(Exception e, CancellationToken cancellationToken) =>
        e is GoogleApiException or HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested);

    [LoggerMessage(Level = LogLevel.Information, Message = "Retraining build {BuildId} of trigger {Trigger} started for drift alert {AlertId} on {Model}: {LogUrl}")]
    private static partial void LogStarted(ILogger logger, string? buildId, string trigger, Guid alertId, string model, string? logUrl);

    [LoggerMessage(Level = LogLevel.Information, Message = "Drift alert {AlertId} on {Model} asked for its retraining before: no second build")]
    private static partial void LogRepeated(ILogger logger, Guid alertId, string model);

    [LoggerMessage(Level = LogLevel.Error, Message = "Cloud Build refused to run retraining trigger {Trigger} for drift alert {AlertId} on {Model} ({Status}; permission {Permission} on {Resource}): TrainingRequested is published instead")]
    private static partial void LogRefused(ILogger logger, Exception exception, string trigger, Guid alertId, string model, string? status, string? permission, string? resource);
}
