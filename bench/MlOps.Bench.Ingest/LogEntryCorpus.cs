using System.Buffers;
using System.Globalization;
using System.Text.Json;
using MlOps.Contracts;
using MlOps.Core.Data;
using MlOps.Core.Synthetic;
using MlOps.Testing;

namespace MlOps.Bench.Ingest;

/// <summary>
/// Distinct prediction log entries as a Cloud Logging sink publishes them to Pub/Sub: the whole LogEntry
/// (insertId, resource, timestamps, labels, logName) around the Predictor's jsonPayload, one taxi trip an
/// entry, scored by a package trained with MlOps.Core on generated trips. Runs cycle through them.
/// </summary>
public sealed class LogEntryCorpus
{
    public const string Model = "taxi";
    public const string Project = "mlops-bench";

    private LogEntryCorpus(byte[][] entries, string packageUri)
    {
        Entries = entries;
        PackageUri = packageUri;
    }

    public byte[][] Entries { get; }

    public string PackageUri { get; }

    public long Bytes => Entries.Sum(e => (long)e.Length);

    public byte[] this[long index] => Entries[index % Entries.Length];

    public static LogEntryCorpus Create(string artifactRoot, int distinct)
    {
        var packageUri = Packages.WriteStable(artifactRoot);
        var trips = new TaxiTripGenerator(seed: 7).Generate(distinct).ToList();
        var predictions = Score(Core.Packaging.ModelPackage.Load(Path.Combine(artifactRoot, packageUri)), trips);
        var start = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
        var buffer = new ArrayBufferWriter<byte>(1024);
        using var writer = new Utf8JsonWriter(buffer);
        var entries = new byte[distinct][];
        for (var i = 0; i < distinct; i++)
        {
            buffer.ResetWrittenCount();
            writer.Reset(buffer);
            Write(writer, trips[i], predictions[i], packageUri, start.AddMilliseconds(i), i);
            writer.Flush();
            entries[i] = buffer.WrittenSpan.ToArray();
        }

        return new LogEntryCorpus(entries, packageUri);
    }

    private static float[] Score(Core.Packaging.ModelPackage package, List<TaxiTrip> trips)
    {
        var builder = new DatasetBuilder(TaxiTripGenerator.Schema, trips.Count);
        foreach (var t in trips)
        {
            builder.Add([t.Month, t.Day, t.DayOfWeek, t.Hour, (float)t.DurationMinutes, (float)t.DistanceMiles], [t.PaymentType, t.PickupZone, t.DropoffZone], t.TipBin);
        }

        return package.Scorer.ScoreAll(builder.Build(new DatasetInfo("bench-ingest", [], trips.Count, "0")));
    }

    private static void Write(Utf8JsonWriter w, TaxiTrip t, float prediction, string packageUri, DateTimeOffset at, int index)
    {
        var version = "1";
        w.WriteStartObject();
        w.WriteString("insertId", index.ToString("x8", CultureInfo.InvariantCulture));
        w.WriteStartObject("jsonPayload");
        w.WriteString("message", $"prediction {Model} v{version}");
        w.WriteString("model", Model);
        w.WriteNumber("version", 1);
        w.WriteString("packageUri", packageUri);
        w.WriteStartArray("features");
        w.WriteStartObject();
        w.WriteNumber("trip_month", t.Month);
        w.WriteNumber("trip_day", t.Day);
        w.WriteNumber("trip_day_of_week", t.DayOfWeek);
        w.WriteNumber("trip_hour", t.Hour);
        w.WriteNumber("trip_duration", Math.Round(t.DurationMinutes, 2));
        w.WriteNumber("trip_distance", Math.Round(t.DistanceMiles, 2));
        w.WriteString("payment_type", t.PaymentType);
        w.WriteString("pickup_zone", t.PickupZone);
        w.WriteString("dropoff_zone", t.DropoffZone);
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteStartArray("predictions");
        w.WriteNumberValue(prediction);
        w.WriteEndArray();
        w.WriteNumber("latencyMs", 0.412);
        w.WriteEndObject();
        w.WriteStartObject("resource");
        w.WriteString("type", "cloud_run_revision");
        w.WriteStartObject("labels");
        w.WriteString("project_id", Project);
        w.WriteString("service_name", "predictor");
        w.WriteString("revision_name", "predictor-00042-abc");
        w.WriteString("location", "europe-west1");
        w.WriteString("configuration_name", "predictor");
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteString("timestamp", at);
        w.WriteString("severity", "INFO");
        w.WriteStartObject("labels");
        w.WriteString(PredictionLogEntry.KindLabel, PredictionLogEntry.PredictionKind);
        w.WriteString("model", Model);
        w.WriteString("version", version);
        w.WriteString("instanceId", "00f46b9285f4a5bd");
        w.WriteEndObject();
        w.WriteString("logName", $"projects/{Project}/logs/mlops-predictions");
        w.WriteString("receiveTimestamp", at.AddMilliseconds(35));
        w.WriteEndObject();
    }
}
