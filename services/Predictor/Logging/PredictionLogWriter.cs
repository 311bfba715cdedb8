using System.Buffers;
using System.Diagnostics;
using MassTransit;
using Microsoft.Extensions.Options;
using MlOps.Contracts;
using MlOps.Platform.Messaging;

namespace MlOps.Predictor.Logging;

/// <summary>
/// Drains the prediction log queue in batches, off the request path: JSON lines to stdout and,
/// when configured, LogEntry JSON to the prediction-logs destination.
/// </summary>
public sealed class PredictionLogWriter(
    PredictionLog log,
    IOptions<PredictorOptions> options,
    IOptions<MessagingOptions> messaging,
    IServiceProvider services,
    ILogger<PredictionLogWriter> logger) : BackgroundService
{
    private const int BatchSize = 4096;

    // Polled rather than signalled: a request never wakes the writer, which would cost a thread
    // hop and a context switch each — far more than writing the entry. While requests come, the
    // queue is drained every few milliseconds so that records die young: one still queued when a
    // collection runs is promoted, and promoted records cost gen1 collections on the request
    // path. With nothing written for a second, the writer polls slowly.
    private static readonly TimeSpan BusyPause = TimeSpan.FromMilliseconds(2);
    private static readonly TimeSpan IdlePause = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan BusyFor = TimeSpan.FromSeconds(1);

    public static readonly Uri Destination = new($"queue:{EndpointNames.PredictionLogs}");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var project = messaging.Value.PubSub.ResolveProjectId();
        // A batch is written into one buffer and handed to stdout in one write: the raw console
        // stream makes a system call per write.
        await using var stdout = settings.LogToStdout ? Console.OpenStandardOutput() : null;
        var lines = new System.Buffers.ArrayBufferWriter<byte>(1 << 20);
        ISendEndpoint? endpoint = null;
        var batch = new List<PredictionLogRecord>(BatchSize);
        var lastWrite = long.MinValue;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                batch.Clear();
                if (log.Drain(batch, BatchSize) == 0)
                {
                    var busy = lastWrite != long.MinValue && Stopwatch.GetElapsedTime(lastWrite) < BusyFor;
                    await Task.Delay(busy ? BusyPause : IdlePause, stoppingToken);
                    continue;
                }

                lastWrite = Stopwatch.GetTimestamp();

                if (stdout is not null)
                {
                    lines.ResetWrittenCount();
                    WriteLines(lines, batch);
                    await stdout.WriteAsync(lines.WrittenMemory, stoppingToken);
                }

                if (settings.PublishLogs)
                {
                    // The bus itself, not ISendEndpointProvider: that one is scoped, and this writer lives in the root.
                    endpoint ??= await services.GetRequiredService<IBus>().GetSendEndpoint(Destination);
                    await Send(endpoint, batch, project, stoppingToken);
                }

                log.CountWritten(batch.Count);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private static void WriteLines(System.Buffers.ArrayBufferWriter<byte> lines, List<PredictionLogRecord> batch)
    {
        foreach (var record in batch)
        {
            PredictionLogFormat.WriteStructuredLine(lines, record);
            lines.Write("\n"u8);
        }
    }

    private async Task Send(ISendEndpoint endpoint, List<PredictionLogRecord> batch, string? project, CancellationToken cancellationToken)
    {
        try
        {
            await endpoint.SendBatch(batch.Select(r => PredictionLogFormat.ToLogEntry(r, project)).ToList(), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Monitoring must never take serving down: the entries are lost and said so.
            logger.LogWarning(e, "Could not send {Count} prediction log entries", batch.Count);
        }
    }
}
