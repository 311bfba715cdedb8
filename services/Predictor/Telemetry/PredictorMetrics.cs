using System.Diagnostics.Metrics;
using MlOps.Contracts.Api;
using MlOps.Predictor.Serving;

namespace MlOps.Predictor.Telemetry;

/// <summary>
/// Per-version serving metrics, observed from the counters each version keeps anyway, so the
/// request path pays nothing for them.
/// </summary>
public sealed class PredictorMetrics
{
    public const string MeterName = "MlOps.Predictor";

    public PredictorMetrics(EndpointRegistry endpoints, IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        meter.CreateObservableCounter("mlops.predictor.predictions", () => Observe(endpoints, s => s.Instances), "{prediction}", "Instances scored, per model version");
        meter.CreateObservableCounter("mlops.predictor.requests", () => Observe(endpoints, s => s.Requests), "{request}", "Prediction requests answered, per model version");
        meter.CreateObservableCounter("mlops.predictor.errors", () => Observe(endpoints, s => s.Errors), "{error}", "Requests a version failed to score, per model version");
        meter.CreateObservableGauge("mlops.predictor.traffic_share", () => Observe(endpoints, s => (long)s.Percent), "%", "Share of a model's traffic each version takes");
    }

    private static IEnumerable<Measurement<long>> Observe(EndpointRegistry endpoints, Func<VersionStats, long> value) =>
        from state in endpoints.All
        from served in state.All
        select new Measurement<long>(value(served.Stats()), new("model", state.Model), new("version", served.Version.VersionText));
}
