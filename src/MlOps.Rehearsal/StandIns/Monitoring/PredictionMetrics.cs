namespace MlOps.Rehearsal.StandIns.Monitoring;

/// <summary>
/// What <c>:predict</c> records for Cloud Monitoring, per deployed model per second: Vertex AI's
/// <c>prediction/online/response_count</c> and <c>prediction/online/prediction_latencies</c>.
/// </summary>
internal sealed class PredictionMetrics
{
    private readonly Lock _gate = new();
    private readonly Dictionary<MetricKey, MetricSecond> _seconds = [];

    public void Record(string endpointId, string deployedModelId, int status, double milliseconds, DateTimeOffset at)
    {
        var key = new MetricKey(endpointId, deployedModelId, at.ToUnixTimeSeconds());
        lock (_gate)
        {
            if (!_seconds.TryGetValue(key, out var second))
            {
                second = new MetricSecond();
                _seconds[key] = second;
            }

            var code = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            second.Responses[code] = second.Responses.GetValueOrDefault(code) + 1;
            second.Latencies.Add(milliseconds);
        }
    }

    /// <summary>Reads the recorded seconds while nothing is recorded.</summary>
    public T Read<T>(Func<IReadOnlyDictionary<MetricKey, MetricSecond>, T> read)
    {
        lock (_gate)
        {
            return read(_seconds);
        }
    }
}
