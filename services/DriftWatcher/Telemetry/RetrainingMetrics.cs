using System.Diagnostics.Metrics;

namespace MlOps.DriftWatcher.Telemetry;

/// <summary>Retraining builds a drift alert asked Cloud Build for: started, refused (and requested on the bus instead), or asked for again.</summary>
public sealed class RetrainingMetrics
{
    private readonly Counter<long> _builds;
    private long _refusedCount;

    public RetrainingMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(DriftWatcherMetrics.MeterName);
        _builds = meter.CreateCounter<long>("mlops.driftwatcher.retraining.builds", "{build}",
            "Retraining trigger runs by model and outcome: started, refused (with Google's status; TrainingRequested was published instead) or repeated (the alert's build was asked for before)");
    }

    /// <summary>Runs Cloud Build refused since start.</summary>
    public long RefusedCount => Interlocked.Read(ref _refusedCount);

    public void Started(string model) => _builds.Add(1, new("model", model), new("outcome", "started"));

    public void Repeated(string model) => _builds.Add(1, new("model", model), new("outcome", "repeated"));

    public void Refused(string model, string status)
    {
        Interlocked.Increment(ref _refusedCount);
        _builds.Add(1, new("model", model), new("outcome", "refused"), new("status", status));
    }
}
