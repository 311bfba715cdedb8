namespace MlOps.Rehearsal.StandIns.Monitoring;

/// <summary>What one deployed model answered during one second: responses by HTTP code, and their latencies.</summary>
internal sealed class MetricSecond
{
    public Dictionary<string, long> Responses { get; } = new(StringComparer.Ordinal);

    public LatencyDistribution Latencies { get; } = new();
}
