using System.Diagnostics.Metrics;

namespace MlOps.DriftWatcher.Telemetry;

/// <summary>Schedule occurrences: the runs asked for, the repeats ignored, and fires of schedules nobody configured.</summary>
public sealed class ScheduleMetrics
{
    private readonly Counter<long> _runs;
    private readonly Counter<long> _repeats;
    private readonly Counter<long> _unknown;
    private long _unknownCount;

    public ScheduleMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(DriftWatcherMetrics.MeterName);
        _runs = meter.CreateCounter<long>("mlops.driftwatcher.schedule_runs", "{run}", "Runs asked for by schedule occurrences, by schedule and kind");
        _repeats = meter.CreateCounter<long>("mlops.driftwatcher.schedule_repeats", "{fire}", "Fires of an occurrence that was already asked for (a redelivery, or the timer and Cloud Scheduler both firing)");
        _unknown = meter.CreateCounter<long>("mlops.driftwatcher.schedule_unknown", "{fire}", "Fires naming a schedule that is not configured");
    }

    /// <summary>Fires of unknown schedules since start.</summary>
    public long UnknownCount => Interlocked.Read(ref _unknownCount);

    public void Run(string schedule, string kind) => _runs.Add(1, new("schedule", schedule), new("kind", kind));

    public void Repeat(string schedule) => _repeats.Add(1, new KeyValuePair<string, object?>("schedule", schedule));

    public void Unknown(string? schedule)
    {
        Interlocked.Increment(ref _unknownCount);
        _unknown.Add(1, new KeyValuePair<string, object?>("schedule", schedule ?? ""));
    }
}
