using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using MlOps.Core.Statistics;
using MlOps.DriftWatcher.Alerting;
using MlOps.DriftWatcher.Retraining;
using MlOps.DriftWatcher.Schedules;
using MlOps.Platform.Configuration;

namespace MlOps.DriftWatcher;

/// <summary>Bound from <c>DriftWatcher</c>; see docs/configuration.md.</summary>
public sealed class DriftWatcherOptions : ISettings
{
    public static string Section => "DriftWatcher";

    /// <summary>
    /// On Pub/Sub, read prediction log entries in batches of up to a thousand outside MassTransit and acknowledge
    /// each batch in one request (<see cref="Monitoring.PredictionLogPuller"/>); false reads them through a
    /// MassTransit consumer, one receive and consume context per entry. The in-memory transport always uses the consumer.
    /// </summary>
    public bool PullLogsInBatches { get; set; } = true;

    /// <summary>Instances per window.</summary>
    [Range(10, 10_000_000)]
    public int WindowSize { get; set; } = 500;

    /// <summary>A window shorter than this gives no verdict.</summary>
    [Range(1, 10_000_000)]
    public int MinimumSamples { get; set; } = 200;

    /// <summary>A window closes after this long even if not full, when it has the minimum samples.</summary>
    [Range(1, 86_400)]
    public int WindowSeconds { get; set; } = 300;

    /// <summary>After an alert, no new alert for the same model for this long.</summary>
    [Range(0, 7 * 86_400)]
    public int CooldownSeconds { get; set; } = 300;

    /// <summary>A labelled snapshot scoring this much AUC below the model's holdout AUC is performance drift.</summary>
    [Range(0.0, 1.0)]
    public double PerformanceDrop { get; set; } = 0.05;

    [ValidateObjectMembers]
    public ThresholdOptions Thresholds { get; set; } = new();

    [ValidateObjectMembers]
    public AlertOptions Alerts { get; set; } = new();

    /// <summary>Retraining and batch scoring on a calendar, by schedule name (<c>DriftWatcher:Schedules:{name}:…</c>).</summary>
    [ScheduleNames]
    [ValidateEnumeratedItems]
    public Dictionary<string, ScheduleOptions> Schedules { get; set; } = [];

    /// <summary>
    /// Fire the schedules from this process (embedded and Aspire runs). Off on Cloud Run, where a Cloud Scheduler
    /// job per schedule publishes each occurrence to the schedules topic instead.
    /// </summary>
    [ConfigurationKeyName("Schedules:Timer")]
    public bool ScheduleTimer { get; set; }

    /// <summary>Retraining on drift as a run of a Cloud Build trigger rather than a TrainingRequested (<c>DriftWatcher:Retraining</c>).</summary>
    [ValidateObjectMembers]
    public RetrainingOptions Retraining { get; set; } = new();

    public DriftThresholds ToThresholds() => new(Thresholds.Numeric, Thresholds.Categorical, Thresholds.Features);
}

public sealed class ThresholdOptions
{
    [Range(0.0, 1.0, MinimumIsExclusive = true)]
    public double Numeric { get; set; } = 0.1;

    [Range(0.0, 1.0, MinimumIsExclusive = true)]
    public double Categorical { get; set; } = 0.1;

    /// <summary>Per-feature thresholds by feature name, each in (0, 1].</summary>
    [ValuesInRange(0.0, 1.0, MinimumIsExclusive = true)]
    public Dictionary<string, double> Features { get; set; } = [];

    /// <summary>
    /// Window-to-window comparisons carry the sampling noise of both windows, so their threshold is
    /// the feature's threshold times this factor (measured: stable 400-sample windows differ by up to
    /// 0.11 L-infinity on a 66% category, against at most 0.055 from the training baseline).
    /// </summary>
    [Range(1.0, 10.0)]
    public double DriftFactor { get; set; } = 1.5;
}

/// <summary>
/// Where alerts go besides the log, which always gets them, and how a failed delivery is retried
/// (<c>DriftWatcher:Alerts</c>); the rules across keys, which never repeat a URL or a secret, are
/// <see cref="AlertOptionsValidator"/>'s.
/// </summary>
public sealed class AlertOptions
{
    /// <summary>Webhooks by channel name (<c>DriftWatcher:Alerts:Webhooks:{name}:Url</c>, <c>:Secret</c>, <c>:Kinds</c>).</summary>
    [ValidateEnumeratedItems]
    public Dictionary<string, WebhookOptions> Webhooks { get; set; } = [];

    /// <summary>A Pub/Sub topic that gets each alert as plain JSON, or none.</summary>
    [RegularExpression("^[A-Za-z][A-Za-z0-9._~+%-]{2,254}$")]
    public string? Topic { get; set; }

    /// <summary>Attempts per delivery, the first included, before it is dead-lettered.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 6;

    /// <summary>The wait after the first failed attempt; it doubles after each further one.</summary>
    [Range(1, 3_600_000)]
    public int InitialBackoffMilliseconds { get; set; } = 1000;

    /// <summary>The longest wait between attempts, a receiver's Retry-After included.</summary>
    [Range(1, 86_400_000)]
    public int MaxBackoffMilliseconds { get; set; } = 300_000;

    /// <summary>How long one webhook attempt may take.</summary>
    [Range(1, 300)]
    public int TimeoutSeconds { get; set; } = 10;
}
