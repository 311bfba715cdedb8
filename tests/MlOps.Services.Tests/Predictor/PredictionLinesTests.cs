using System.Buffers;
using System.Diagnostics.Metrics;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MlOps.Core.Scoring;
using MlOps.Core.Synthetic;
using MlOps.Predictor;
using MlOps.Predictor.Logging;

namespace MlOps.Services.Tests.Predictor;

/// <summary>Lines a request writes itself, from its own buffers, when entries go to stdout only.</summary>
public sealed class PredictionLinesTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 4, 10, 0, 0, 123, TimeSpan.Zero);

    private const string Body = """
        {"instances":[{"trip_month":7,"trip_day":11,"trip_day_of_week":4,"trip_hour":6,"trip_duration":44,"trip_distance":2.10,"payment_type":"cash","pickup_zone":"SoHo","dropoff_zone":"JFK Airport"},
        [7,11,4,6,null,2.5,"cash",null,"SoHo"]]}
        """;

    private static LineTexts Texts => LineTexts.For("taxi", 3, "packages/taxi/v3", TaxiTripGenerator.Schema);

    [Fact]
    public void A_request_writes_byte_for_byte_the_line_a_record_of_it_would_give()
    {
        var body = Encoding.UTF8.GetBytes(Body);
        var batch = Parse(body);
        float[] predictions = [0.125f, 0.75f];
        var stripes = new LineStripes(100);

        Assert.True(stripes.TryWrite(Texts, At, 0.42, predictions, new RequestInstances(batch, body)));

        var lines = TakeAll(stripes);
        var expected = new ArrayBufferWriter<byte>();
        PredictionLogFormat.WriteStructuredLine(expected, RecordOf(batch, body, predictions));
        Assert.Equal(Encoding.UTF8.GetString(expected.WrittenSpan) + "\n", lines);
        var line = JsonDocument.Parse(lines).RootElement;
        Assert.Equal("""{"trip_month":7,"trip_day":11,"trip_day_of_week":4,"trip_hour":6,"trip_duration":44,"trip_distance":2.10,"payment_type":"cash","pickup_zone":"SoHo","dropoff_zone":"JFK Airport"}""", line.GetProperty("features")[0].GetRawText());
        var positional = line.GetProperty("features")[1];
        Assert.Equal((JsonValueKind.Null, JsonValueKind.Null, 2.5), (positional.GetProperty("trip_duration").ValueKind, positional.GetProperty("pickup_zone").ValueKind, positional.GetProperty("trip_distance").GetDouble()));
        Assert.Equal("2026-12-04T10:00:00.123+00:00", line.GetProperty("time").GetString());
    }

    [Fact]
    public async Task Lines_written_from_many_threads_while_they_are_taken_arrive_whole_and_all_of_them()
    {
        var body = Encoding.UTF8.GetBytes(Body);
        var stripes = new LineStripes(10_000_000);
        const int threads = 8, each = 5_000;
        var taken = new StringBuilder();
        long takenLines = 0;

        var writers = Enumerable.Range(0, threads).Select(_ => Task.Factory.StartNew(() =>
        {
            var batch = Parse(body);
            for (var i = 0; i < each; i++)
            {
                Assert.True(stripes.TryWrite(Texts, At, i, [0.5f, 0.25f], new RequestInstances(batch, body)));
            }
        }, TaskCreationOptions.LongRunning)).ToArray();
        var taker = Task.Factory.StartNew(() =>
        {
            while (!Task.WhenAll(writers).IsCompleted || stripes.Queued > 0)
            {
                takenLines += Take(stripes, taken);
            }
        }, TaskCreationOptions.LongRunning);
        await Task.WhenAll([.. writers, taker]);

        Assert.Equal(threads * each, takenLines);
        Assert.Equal(0, stripes.Dropped);
        var lines = taken.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(threads * each, lines.Length);
        Assert.All(lines, l => Assert.Equal(2, JsonDocument.Parse(l).RootElement.GetProperty("predictions").GetArrayLength()));
    }

    [Fact]
    public void Past_its_capacity_a_line_is_dropped_and_counted_and_nothing_waits()
    {
        var body = Encoding.UTF8.GetBytes(Body);
        var batch = Parse(body);
        var log = Log(new PredictorOptions { LogToStdout = true, PublishLogs = false, LogQueueCapacity = 1 });
        var stripes = log.Lines!;

        for (var i = 0; i < 100; i++)
        {
            log.Write(Texts, At, 1, [0.5f, 0.5f], new RequestInstances(batch, body));
        }

        Assert.InRange(log.Queued, 1, stripes.Count);
        Assert.Equal(100, log.Queued + log.Dropped);
        Assert.Equal(log.Queued, TakeAll(stripes).Count(c => c == '\n'));
        Assert.Equal(0, log.Queued);
    }

    [Theory]
    [InlineData(true, false, true)]
    [InlineData(true, true, false)]
    [InlineData(false, false, false)]
    [InlineData(false, true, false)]
    public void Requests_write_lines_only_when_entries_go_to_stdout_alone(bool stdout, bool publish, bool lines)
    {
        var log = Log(new PredictorOptions { LogToStdout = stdout, PublishLogs = publish });

        Assert.Equal(lines, log.WritesLines);
    }

    private static PredictionLog Log(PredictorOptions options) =>
        new(Options.Create(options), new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>());

    private static FeatureBatch Parse(byte[] body)
    {
        var batch = new FeatureBatch(TaxiTripGenerator.Schema);
        var errors = new List<FieldError>();
        Assert.True(new InstanceParser(TaxiTripGenerator.Schema).TryParseRequest(body, batch, errors, 100), string.Join("; ", errors));
        return batch;
    }

    // The record the queue path makes of the same request: object instances as sent, positional ones from their values.
    private static PredictionLogRecord RecordOf(FeatureBatch batch, byte[] body, float[] predictions)
    {
        var raw = new List<byte>();
        var ranges = new (int, int)[batch.Count];
        var numeric = new List<float>();
        var categorical = new List<string?>();
        for (var row = 0; row < batch.Count; row++)
        {
            var (start, length) = batch.RawObject(row);
            ranges[row] = (raw.Count, length);
            raw.AddRange(body.AsSpan(start, length));
            numeric.AddRange(batch.Numeric(row));
            categorical.AddRange(batch.Categorical(row).ToArray().Select(v => v.IsEmpty ? null : v.ToString()));
        }

        return new PredictionLogRecord("taxi", 3, "packages/taxi/v3", TaxiTripGenerator.Schema, At, 0.42, batch.Count, [.. numeric], [.. categorical], predictions, [.. raw], ranges);
    }

    private static string TakeAll(LineStripes stripes)
    {
        var text = new StringBuilder();
        Take(stripes, text);
        return text.ToString();
    }

    private static int Take(LineStripes stripes, StringBuilder into)
    {
        var lines = 0;
        for (var i = 0; i < stripes.Count; i++)
        {
            var spare = new ArrayBufferWriter<byte>();
            lines += stripes.Take(i, ref spare);
            into.Append(Encoding.UTF8.GetString(spare.WrittenSpan));
        }

        return lines;
    }
}
