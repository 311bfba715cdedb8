using MlOps.Core.Schema;

namespace MlOps.Predictor.Logging;

/// <summary>What one sampled request leaves for the log writer: copied values, so the request's buffers can be reused.</summary>
public sealed record PredictionLogRecord(
    string Model,
    int Version,
    string PackageUri,
    FeatureSchema Schema,
    DateTimeOffset Timestamp,
    double LatencyMs,
    int Count,
    float[] Numeric,
    string?[] Categorical,
    float[] Predictions,
    byte[]? RawInstances = null,
    (int Start, int Length)[]? RawRanges = null);
