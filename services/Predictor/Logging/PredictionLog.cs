using System.Diagnostics.Metrics;
using System.Threading.Channels;

namespace MlOps.Predictor.Logging;

/// <summary>
/// The bounded hand-off between request threads and the log writer. Enqueueing never blocks:
/// when the queue is full the entry is dropped and counted.
/// </summary>
public sealed class PredictionLog
{
    public const string MeterName = "MlOps.Predictor";

    private readonly Channel<PredictionLogRecord> _channel;
    private readonly Counter<long> _dropped;
    private readonly Counter<long> _written;
    private long _droppedTotal;

    public PredictionLog(Microsoft.Extensions.Options.IOptions<PredictorOptions> options, IMeterFactory meters)
    {
        _channel = Channel.CreateBounded<PredictionLogRecord>(new BoundedChannelOptions(options.Value.LogQueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });
        var meter = meters.Create(MeterName);
        _dropped = meter.CreateCounter<long>("mlops.predictor.log_entries.dropped", description: "Prediction log entries dropped because the queue was full");
        _written = meter.CreateCounter<long>("mlops.predictor.log_entries.written", description: "Prediction log entries written");
    }

    public long Dropped => Interlocked.Read(ref _droppedTotal);

    public ChannelReader<PredictionLogRecord> Reader => _channel.Reader;

    public void Enqueue(PredictionLogRecord record)
    {
        if (!_channel.Writer.TryWrite(record))
        {
            Interlocked.Increment(ref _droppedTotal);
            _dropped.Add(1);
        }
    }

    internal void CountWritten(int count) => _written.Add(count);
}
