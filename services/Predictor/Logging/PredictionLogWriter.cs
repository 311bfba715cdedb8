using System.Text.Json;
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
    private const int BatchSize = 256;

    public static readonly Uri Destination = new($"queue:{EndpointNames.PredictionLogs}");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var project = messaging.Value.PubSub.ProjectId ?? Environment.GetEnvironmentVariable("GOOGLE_CLOUD_PROJECT");
        await using var stdout = settings.LogToStdout ? Console.OpenStandardOutput() : null;
        await using var writer = stdout is null ? null : new Utf8JsonWriter(stdout);
        ISendEndpoint? endpoint = null;
        var batch = new List<PredictionLogRecord>(BatchSize);
        try
        {
            while (await log.Reader.WaitToReadAsync(stoppingToken))
            {
                batch.Clear();
                while (batch.Count < BatchSize && log.Reader.TryRead(out var record))
                {
                    batch.Add(record);
                }

                if (writer is not null)
                {
                    WriteLines(writer, stdout!, batch);
                    await stdout!.FlushAsync(stoppingToken);
                }

                if (settings.PublishLogs)
                {
                    endpoint ??= await services.GetRequiredService<ISendEndpointProvider>().GetSendEndpoint(Destination);
                    await Send(endpoint, batch, project, stoppingToken);
                }

                log.CountWritten(batch.Count);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private static void WriteLines(Utf8JsonWriter writer, Stream stdout, List<PredictionLogRecord> batch)
    {
        foreach (var record in batch)
        {
            writer.Reset(stdout);
            PredictionLogFormat.WriteStructuredLine(writer, record);
            writer.Flush();
            stdout.WriteByte((byte)'\n');
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
