using System.Text.Json.Serialization;

namespace MlOps.Contracts;

/// <summary>
/// One prediction request in the shape of a Cloud Logging LogEntry: what the Predictor writes to
/// stdout and what a log sink delivers to Pub/Sub, so DriftWatcher reads the same JSON either way.
/// </summary>
public sealed record PredictionLogEntry
{
    public const string KindLabel = "mlops.kind";
    public const string PredictionKind = "prediction";

    [JsonPropertyName("timestamp")]
    public DateTimeOffset Timestamp { get; init; }

    [JsonPropertyName("severity")]
    public string Severity { get; init; } = "INFO";

    [JsonPropertyName("logName")]
    public string? LogName { get; init; }

    [JsonPropertyName("labels")]
    public Dictionary<string, string>? Labels { get; init; }

    [JsonPropertyName("jsonPayload")]
    public PredictionPayload? JsonPayload { get; init; }
}

public sealed record PredictionPayload
{
    [JsonPropertyName("model")]
    public string? Model { get; init; }

    [JsonPropertyName("version")]
    public int? Version { get; init; }

    [JsonPropertyName("packageUri")]
    public string? PackageUri { get; init; }

    /// <summary>One object of feature values per instance, as the request gave them (null = missing).</summary>
    [JsonPropertyName("features")]
    public List<Dictionary<string, FeatureValue>>? Features { get; init; }

    [JsonPropertyName("predictions")]
    public List<float>? Predictions { get; init; }

    [JsonPropertyName("latencyMs")]
    public double LatencyMs { get; init; }
}
