using System.Text;
using System.Text.Json;
using MlOps.Core.Synthetic;
using MlOps.Predictor.Logging;

namespace MlOps.Services.Tests.Predictor;

public sealed class PredictionLogFormatTests
{
    private static PredictionLogRecord Record(byte[]? raw = null, (int, int)[]? ranges = null) => new(
        "taxi", 3, "packages/taxi/v3", TaxiTripGenerator.Schema, new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero), 0.42, 1,
        [7, 11, 4, 6, float.NaN, 2.5f], ["cash", null, "SoHo"], [0.125f], raw, ranges);

    private static JsonElement Line(PredictionLogRecord record)
    {
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            PredictionLogFormat.WriteStructuredLine(writer, record);
        }

        return JsonDocument.Parse(buffer.ToArray()).RootElement;
    }

    [Fact]
    public void The_stdout_line_uses_cloud_run_structured_logging_fields_so_the_log_entry_gets_the_payload()
    {
        var line = Line(Record());

        Assert.Equal("INFO", line.GetProperty("severity").GetString());
        Assert.Equal("2026-11-22T10:00:00+00:00", line.GetProperty("time").GetString());
        var labels = line.GetProperty("logging.googleapis.com/labels");
        Assert.Equal(("prediction", "taxi", "3"), (labels.GetProperty("mlops.kind").GetString(), labels.GetProperty("model").GetString(), labels.GetProperty("version").GetString()));
        Assert.Equal(("taxi", 3), (line.GetProperty("model").GetString(), line.GetProperty("version").GetInt32()));
        var features = line.GetProperty("features")[0];
        Assert.Equal(JsonValueKind.Null, features.GetProperty("trip_duration").ValueKind);
        Assert.Equal(JsonValueKind.Null, features.GetProperty("pickup_zone").ValueKind);
        Assert.Equal(2.5, features.GetProperty("trip_distance").GetDouble());
        Assert.Equal(0.125, line.GetProperty("predictions")[0].GetDouble());
        Assert.Equal(0.42, line.GetProperty("latencyMs").GetDouble());
    }

    [Theory]
    [InlineData(0.42, "0.42")]
    [InlineData(1.0, "1")]
    [InlineData(12.3456, "12.346")]
    [InlineData(0.005, "0.005")]
    [InlineData(0.0004, "0")]
    [InlineData(250.1, "250.1")]
    [InlineData(1999.9996, "2000")]
    public void Latency_is_written_to_the_microsecond_with_no_trailing_zeros(double milliseconds, string text)
    {
        var line = Line(Record() with { LatencyMs = milliseconds });

        Assert.Equal(text, line.GetProperty("latencyMs").GetRawText());
    }

    [Fact]
    public void An_object_instance_is_logged_as_the_client_sent_it()
    {
        var raw = Encoding.UTF8.GetBytes("""{"trip_distance":2.50,"payment_type":"cash"}""");

        var features = Line(Record(raw, [(0, raw.Length)])).GetProperty("features")[0];

        Assert.Equal("""{"trip_distance":2.50,"payment_type":"cash"}""", features.GetRawText());
    }

    [Fact]
    public void The_bus_entry_is_the_log_entry_a_sink_would_deliver()
    {
        var entry = PredictionLogFormat.ToLogEntry(Record(), "acme");

        Assert.Equal("projects/acme/logs/mlops-predictions", entry.LogName);
        Assert.Equal("prediction", entry.Labels!["mlops.kind"]);
        Assert.Equal(2.5, entry.JsonPayload!.Features![0]["trip_distance"].Number!.Value, 5);
        Assert.True(entry.JsonPayload.Features[0]["trip_duration"].IsMissing);
    }

    [Theory]
    [InlineData(0, "2026-11-22T10:00:00+00:00")]
    [InlineData(5_000_000, "2026-11-22T10:00:00.5+00:00")]
    [InlineData(1_234_500, "2026-11-22T10:00:00.12345+00:00")]
    [InlineData(1, "2026-11-22T10:00:00.0000001+00:00")]
    public void The_time_is_written_as_a_json_writer_writes_it(long ticks, string expected)
    {
        var time = new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero).AddTicks(ticks);
        var reference = new MemoryStream();
        using (var json = new Utf8JsonWriter(reference))
        {
            json.WriteStringValue(time);
        }

        var line = Line(Record() with { Timestamp = time });

        Assert.Equal(expected, line.GetProperty("time").GetString());
        Assert.Equal($"\"{expected}\"", Encoding.UTF8.GetString(reference.ToArray()));
    }

    [Fact]
    public void Raw_and_positional_instances_of_one_request_are_logged_in_order_and_a_score_json_cannot_hold_is_null()
    {
        var raw = Encoding.UTF8.GetBytes("""{"trip_distance":2.50}""");
        var record = Record(raw, [(0, raw.Length), (0, 0)]) with
        {
            Count = 2,
            Numeric = [7, 11, 4, 6, float.NaN, 2.5f, 1, 2, 3, 4, 5, 6.25f],
            Categorical = ["cash", null, "SoHo", "mobile", "Soho \"West\"", null],
            Predictions = [0.125f, float.NaN],
        };

        var line = Line(record);

        var features = line.GetProperty("features");
        Assert.Equal("""{"trip_distance":2.50}""", features[0].GetRawText());
        Assert.Equal(6.25, features[1].GetProperty("trip_distance").GetDouble());
        Assert.Equal("Soho \"West\"", features[1].GetProperty("pickup_zone").GetString());
        Assert.Equal([0.125, double.NaN], line.GetProperty("predictions").EnumerateArray().Select(p => p.ValueKind == JsonValueKind.Null ? double.NaN : p.GetDouble()));
    }
}
