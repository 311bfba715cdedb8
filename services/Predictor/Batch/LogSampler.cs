using MlOps.Core.Scoring;
using MlOps.Predictor.Logging;

namespace MlOps.Predictor.Batch;

/// <summary>Leaves prediction log entries for a batch run, sampled at the online rate, one per row.</summary>
internal sealed class LogSampler(PredictionLog log, string model, int version, string packageUri, Core.Schema.FeatureSchema schema, double rate, TimeProvider time) : IBatchObserver
{
    public void Scored(ScoringEngine engine, float probability)
    {
        if (rate < 1 && Random.Shared.NextDouble() >= rate)
        {
            return;
        }

        var categorical = new string?[engine.Categorical.Length];
        for (var i = 0; i < categorical.Length; i++)
        {
            categorical[i] = engine.Categorical[i].IsEmpty ? null : engine.Categorical[i].ToString();
        }

        log.Enqueue(new PredictionLogRecord(model, version, packageUri, schema, time.GetUtcNow(), 0, 1, [.. engine.Numeric], categorical, [probability]));
    }
}
