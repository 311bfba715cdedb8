using System.Buffers;
using System.Diagnostics;
using MassTransit;
using Microsoft.Extensions.Options;
using MlOps.Contracts;
using MlOps.Platform.Messaging;

namespace MlOps.Predictor.Logging;

/// <summary>
/// Drains the prediction log in batches, off the request path: the lines requests wrote themselves
/// and the records' JSON lines to stdout and, when configured, LogEntry JSON to the prediction-logs
/// destination.
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
        var lines = new ArrayBufferWriter<byte>(1 << 20);
        // One empty buffer a stripe, swapped for the stripe's full one and emptied once written.
        var spares = Enumerable.Range(0, log.Lines?.Count ?? 0).Select(_ => new ArrayBufferWriter<byte>(64 * 1024)).ToArray();
        ISendEndpoint? endpoint = null;
        var batch = new List<PredictionLogRecord>(BatchSize);
        var lastWrite = long.MinValue;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var written = await WriteStripesAsync(stdout, spares, stoppingToken);
                batch.Clear();
                log.Drain(batch, BatchSize);
                if (batch.Count + written > 0)
                {
                    lastWrite = Stopwatch.GetTimestamp();
                    if (stdout is not null && batch.Count > 0)
                    {
                        lines.ResetWrittenCount();
                        WriteLines(lines, batch);
                        await stdout.WriteAsync(lines.WrittenMemory, stoppingToken);
                    }

                    if (settings.PublishLogs && batch.Count > 0)
                    {
                        // The bus itself, not ISendEndpointProvider: that one is scoped, and this writer lives in the root.
                        endpoint ??= await services.GetRequiredService<IBus>().GetSendEndpoint(Destination);
                        await Send(endpoint, batch, project, stoppingToken);
                    }

                    log.CountWritten(batch.Count + written);
                }

                // A full batch means more is waiting; otherwise the writer pauses, so that it writes
                // every few milliseconds what came meanwhile rather than a line or two a system call.
                if (batch.Count < BatchSize)
                {
                    var busy = lastWrite != long.MinValue && Stopwatch.GetElapsedTime(lastWrite) < BusyFor;
                    await Task.Delay(busy ? BusyPause : IdlePause, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        // Lines already written by requests go out on the way down: the process is stopping, not the requests' record of it.
        log.CountWritten(await WriteStripesAsync(stdout, spares, CancellationToken.None));
    }

    // Takes every stripe's lines and writes them to stdout; returns how many.
    private async Task<int> WriteStripesAsync(Stream? stdout, ArrayBufferWriter<byte>[] spares, CancellationToken cancellationToken)
    {
        if (log.Lines is not { } stripes || stdout is null)
        {
            return 0;
        }

        var written = 0;
        for (var i = 0; i < spares.Length; i++)
        {
            var taken = stripes.Take(i, ref spares[i]);
            if (taken == 0)
            {
                continue;
            }

            await stdout.WriteAsync(spares[i].WrittenMemory, cancellationToken);
            spares[i].ResetWrittenCount();
            written += taken;
        }

        return written;
    }

    private static void WriteLines(ArrayBufferWriter<byte> lines, List<PredictionLogRecord> batch)
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
