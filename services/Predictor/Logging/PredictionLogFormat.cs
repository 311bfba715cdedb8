using System.Text.Json;
using MlOps.Contracts;

namespace MlOps.Predictor.Logging;

/// <summary>
/// The two shapes of a prediction log entry. On stdout: a Cloud Run structured log line, whose
/// special fields (<c>severity</c>, <c>time</c>, <c>logging.googleapis.com/labels</c>) Cloud Logging
/// lifts into the LogEntry and whose other fields become its <c>jsonPayload</c>. On the bus: that
/// resulting LogEntry, exactly what a log sink publishes to Pub/Sub.
/// </summary>
public static class PredictionLogFormat
{
    public const string LogName = "mlops-predictions";

    public static Dictionary<string, string> Labels(PredictionLogRecord record) => new()
    {
        [PredictionLogEntry.KindLabel] = PredictionLogEntry.PredictionKind,
        ["model"] = record.Model,
        ["version"] = record.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public static void WriteStructuredLine(Utf8JsonWriter writer, PredictionLogRecord record)
    {
        writer.WriteStartObject();
        writer.WriteString("severity", "INFO");
        writer.WriteString("time", record.Timestamp);
        writer.WriteString("message", $"prediction {record.Model} v{record.Version}");
        writer.WriteStartObject("logging.googleapis.com/labels");
        foreach (var (key, value) in Labels(record))
        {
            writer.WriteString(key, value);
        }

        writer.WriteEndObject();
        WritePayloadFields(writer, record);
        writer.WriteEndObject();
    }

    public static PredictionLogEntry ToLogEntry(PredictionLogRecord record, string? project) => new()
    {
        Timestamp = record.Timestamp,
        Severity = "INFO",
        LogName = project is null ? LogName : $"projects/{project}/logs/{LogName}",
        Labels = Labels(record),
        JsonPayload = new PredictionPayload
        {
            Model = record.Model,
            Version = record.Version,
            PackageUri = record.PackageUri,
            Features = Features(record),
            Predictions = [.. record.Predictions.AsSpan(0, record.Count)],
            LatencyMs = record.LatencyMs,
        },
    };

    private static void WritePayloadFields(Utf8JsonWriter writer, PredictionLogRecord record)
    {
        writer.WriteString("model", record.Model);
        writer.WriteNumber("version", record.Version);
        writer.WriteString("packageUri", record.PackageUri);
        // Written straight from the record's arrays: this runs for every sampled request.
        var schema = record.Schema;
        var numericWidth = schema.NumericFeatures.Count;
        var categoricalWidth = schema.CategoricalFeatures.Count;
        writer.WriteStartArray("features");
        for (var row = 0; row < record.Count; row++)
        {
            writer.WriteStartObject();
            for (var f = 0; f < schema.Features.Count; f++)
            {
                var feature = schema.Features[f];
                var slot = schema.Slot(f);
                if (feature.IsNumeric)
                {
                    var value = record.Numeric[row * numericWidth + slot];
                    if (float.IsNaN(value))
                    {
                        writer.WriteNull(feature.Name);
                    }
                    else
                    {
                        writer.WriteNumber(feature.Name, value);
                    }
                }
                else if (record.Categorical[row * categoricalWidth + slot] is { } text)
                {
                    writer.WriteString(feature.Name, text);
                }
                else
                {
                    writer.WriteNull(feature.Name);
                }
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("predictions");
        for (var i = 0; i < record.Count; i++)
        {
            writer.WriteNumberValue(record.Predictions[i]);
        }

        writer.WriteEndArray();
        writer.WriteNumber("latencyMs", Math.Round(record.LatencyMs, 3));
    }

    private static List<Dictionary<string, FeatureValue>> Features(PredictionLogRecord record)
    {
        var schema = record.Schema;
        var numericWidth = schema.NumericFeatures.Count;
        var categoricalWidth = schema.CategoricalFeatures.Count;
        var instances = new List<Dictionary<string, FeatureValue>>(record.Count);
        for (var row = 0; row < record.Count; row++)
        {
            var values = new Dictionary<string, FeatureValue>(schema.Features.Count);
            for (var f = 0; f < schema.Features.Count; f++)
            {
                var feature = schema.Features[f];
                var slot = schema.Slot(f);
                values[feature.Name] = feature.IsNumeric
                    ? float.IsNaN(record.Numeric[row * numericWidth + slot]) ? default : FeatureValue.Of(record.Numeric[row * numericWidth + slot])
                    : FeatureValue.Of(record.Categorical[row * categoricalWidth + slot]);
            }

            instances.Add(values);
        }

        return instances;
    }
}
