using System.Text.Json.Serialization;

namespace MlOps.GoogleApis.Monitoring;

/// <summary>google.monitoring.v3.TypedValue, the kinds we read (int64 as a JSON string).</summary>
public sealed record TypedValue
{
    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString)]
    public long? Int64Value { get; init; }

    public double? DoubleValue { get; init; }

    public Distribution? DistributionValue { get; init; }
}
