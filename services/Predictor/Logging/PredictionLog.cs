using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;

namespace MlOps.Predictor.Logging;

/// <summary>
/// The hand-off between request threads and the log writer, drained by polling so that no request
/// ever signals or waits for the writer. Records (what the bus needs, and batch predictions) go
/// through a lock-free queue with a counted bound. When entries go to stdout only — on Cloud Run,
/// where the log sink routes them — a request writes its line itself into a buffer of the processor
/// it runs on (<see cref="LineStripes"/>), and leaves no record. Past the bound an entry is dropped
/// and counted.
/// </summary>
public sealed class PredictionLog
{
    public const string MeterName = Telemetry.PredictorMetrics.MeterName;

    private readonly ConcurrentQueue<PredictionLogRecord> _queue = new();
    private readonly LineStripes? _lines;
    private readonly int _capacity;
    private readonly Counter<long> _dropped;
    private readonly Counter<long> _written;
    private int _count;
    private long _droppedTotal;
    private long _writtenTotal;

    public PredictionLog(IOptions<PredictorOptions> options, IMeterFactory meters)
    {
        _capacity = options.Value.LogQueueCapacity;
        _lines = options.Value is { LogToStdout: true, PublishLogs: false } ? new LineStripes(_capacity) : null;
        var meter = meters.Create(MeterName);
        _dropped = meter.CreateCounter<long>("mlops.predictor.log_entries.dropped", description: "Prediction log entries dropped because the queue was full");
        _written = meter.CreateCounter<long>("mlops.predictor.log_entries.written", description: "Prediction log entries written");
        meter.CreateObservableGauge("mlops.predictor.log_entries.queued", () => Queued, description: "Prediction log entries waiting to be written");
    }

    public long Dropped => Interlocked.Read(ref _droppedTotal) + (_lines?.Dropped ?? 0);

    public long Written => Interlocked.Read(ref _writtenTotal);

    public int Queued => Volatile.Read(ref _count) + (_lines?.Queued ?? 0);

    /// <summary>Whether requests write their lines themselves (through Write) rather than leave records.</summary>
    public bool WritesLines => _lines is not null;

    internal LineStripes? Lines => _lines;

    /// <summary>Writes a request's line from its own buffers; only when <see cref="WritesLines"/>.</summary>
    internal void Write<TInstances>(LineTexts texts, DateTimeOffset time, double latencyMs, ReadOnlySpan<float> predictions, scoped in TInstances instances)
        where TInstances : ILoggedInstances, allows ref struct
    {
        if (!_lines!.TryWrite(texts, time, latencyMs, predictions, instances))
        {
            _dropped.Add(1);
        }
    }

    public void Enqueue(PredictionLogRecord record)
    {
        if (Interlocked.Increment(ref _count) > _capacity)
        {
            Interlocked.Decrement(ref _count);
            Interlocked.Increment(ref _droppedTotal);
            _dropped.Add(1);
            return;
        }

        _queue.Enqueue(record);
    }

    /// <summary>Moves up to <paramref name="max"/> waiting entries into <paramref name="batch"/>.</summary>
    public int Drain(List<PredictionLogRecord> batch, int max)
    {
        var taken = 0;
        while (taken < max && _queue.TryDequeue(out var record))
        {
            batch.Add(record);
            taken++;
        }

        Interlocked.Add(ref _count, -taken);
        return taken;
    }

    internal void CountWritten(int count)
    {
        Interlocked.Add(ref _writtenTotal, count);
        _written.Add(count);
    }
}
