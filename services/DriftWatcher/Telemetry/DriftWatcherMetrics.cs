using System.Diagnostics.Metrics;
using MlOps.Contracts;
using MlOps.Contracts.Api;
using MlOps.DriftWatcher.Monitoring;

namespace MlOps.DriftWatcher.Telemetry;

/// <summary>
/// Monitoring metrics: each feature's distance in the last closed window, from the training
/// baseline (skew) and from the window before (drift); alerts; entries read and set aside; alerts recorded
/// for the notification channels and what became of their deliveries.
/// </summary>
public sealed class DriftWatcherMetrics
{
    public const string MeterName = "MlOps.DriftWatcher";

    private readonly Counter<long> _alerts;
    private readonly Counter<long> _notifications;
    private readonly Counter<long> _deliveries;

    public DriftWatcherMetrics(DriftMonitor monitor, IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        meter.CreateObservableGauge("mlops.driftwatcher.feature_distance", () => Distances(monitor), description: "A feature's distance in the last closed window: comparison=baseline (skew) or previous_window (drift)");
        meter.CreateObservableCounter("mlops.driftwatcher.entries", () => monitor.Entries, "{entry}", "Prediction log entries read");
        meter.CreateObservableCounter("mlops.driftwatcher.malformed", () => monitor.MalformedCount, "{entry}", "Prediction log entries counted and set aside");
        _alerts = meter.CreateCounter<long>("mlops.driftwatcher.alerts", "{alert}", "Drift alerts raised, by kind");
        _notifications = meter.CreateCounter<long>("mlops.driftwatcher.alerting.alerts", "{alert}", "Alerts recorded for the notification channels, by kind (drift, rollback, training-failed, gate-rejected, message-failed)");
        _deliveries = meter.CreateCounter<long>("mlops.driftwatcher.alerting.deliveries", "{attempt}", "Alert delivery attempts by channel and outcome: delivered, retried or dead_lettered");
        monitor.AlertRaised += Raised;
    }

    public void AlertRecorded(string kind, string model) => _notifications.Add(1, new("kind", kind), new("model", model));

    public void AlertDelivered(string channel) => _deliveries.Add(1, new("channel", channel), new("outcome", "delivered"));

    public void AlertDeliveryRetried(string channel) => _deliveries.Add(1, new("channel", channel), new("outcome", "retried"));

    public void AlertDeadLettered(string channel) => _deliveries.Add(1, new("channel", channel), new("outcome", "dead_lettered"));

    private void Raised(DriftDetected alert) => _alerts.Add(1, new("model", alert.Model), new("kind", alert.Kind));

    private static IEnumerable<Measurement<double>> Distances(DriftMonitor monitor)
    {
        foreach (var version in monitor.Monitors)
        {
            if (version.LastWindow is not { } window)
            {
                continue;
            }

            foreach (var feature in window.Features)
            {
                yield return new(feature.Skew, new("model", window.Model), new("version", window.Version), new("feature", feature.Feature), new("comparison", "baseline"));
                if (feature.Drift is { } drift)
                {
                    yield return new(drift, new("model", window.Model), new("version", window.Version), new("feature", feature.Feature), new("comparison", "previous_window"));
                }
            }
        }
    }
}
