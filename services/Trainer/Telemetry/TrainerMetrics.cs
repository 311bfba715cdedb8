using System.Diagnostics.Metrics;
using MlOps.Platform.Telemetry;

namespace MlOps.Trainer.Telemetry;

/// <summary>Training metrics: how long runs take by outcome, and the holdout AUC of each model's latest version.</summary>
public sealed class TrainerMetrics
{
    public const string MeterName = "MlOps.Trainer";

    private readonly LatestPerModel<double> _auc = new();
    private readonly Histogram<double> _duration;

    public TrainerMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _duration = meter.CreateHistogram<double>("mlops.trainer.duration", "s", "Training run duration, from reading the data to a verified package");
        meter.CreateObservableGauge("mlops.trainer.auc", _auc.Observe, description: "Holdout AUC of the model's latest trained version");
    }

    public void Trained(string model, double seconds, double auc)
    {
        _auc[model] = auc;
        _duration.Record(seconds, new("model", model), new("outcome", "trained"));
    }

    public void Failed(string model, double seconds) => _duration.Record(seconds, new("model", model), new("outcome", "failed"));
}
