using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace MlOps.Platform.Telemetry;

/// <summary>The latest value of something per model, observed by a gauge with a <c>model</c> tag.</summary>
public sealed class LatestPerModel<T>
    where T : struct
{
    private readonly ConcurrentDictionary<string, T> _values = new(StringComparer.Ordinal);

    public T this[string model]
    {
        set => _values[model] = value;
    }

    public IEnumerable<Measurement<T>> Observe() =>
        _values.Select(kv => new Measurement<T>(kv.Value, new KeyValuePair<string, object?>("model", kv.Key)));
}
