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

    private static readonly JsonEncodedText Severity = JsonEncodedText.Encode("severity");
    private static readonly JsonEncodedText Info = JsonEncodedText.Encode("INFO");
    private static readonly JsonEncodedText Time = JsonEncodedText.Encode("time");
    private static readonly JsonEncodedText Message = JsonEncodedText.Encode("message");
    private static readonly JsonEncodedText LabelsField = JsonEncodedText.Encode("logging.googleapis.com/labels");
    private static readonly JsonEncodedText Kind = JsonEncodedText.Encode(PredictionLogEntry.KindLabel);
    private static readonly JsonEncodedText Prediction = JsonEncodedText.Encode(PredictionLogEntry.PredictionKind);
    private static readonly JsonEncodedText ModelField = JsonEncodedText.Encode("model");
    private static readonly JsonEncodedText VersionField = JsonEncodedText.Encode("version");
    private static readonly JsonEncodedText PackageUriField = JsonEncodedText.Encode("packageUri");
    private static readonly JsonEncodedText FeaturesField = JsonEncodedText.Encode("features");
    private static readonly JsonEncodedText PredictionsField = JsonEncodedText.Encode("predictions");
    private static readonly JsonEncodedText LatencyField = JsonEncodedText.Encode("latencyMs");
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<MlOps.Core.Schema.FeatureSchema, JsonEncodedText[]> FeatureNames = [];
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string Model, int Version), (string Version, string Message)> VersionTexts = new();

    // Built once per model version rather than for every entry.
    private static (string Version, string Message) Texts(PredictionLogRecord record) =>
        VersionTexts.GetOrAdd((record.Model, record.Version), key =>
        {
            var version = key.Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return (version, $"prediction {key.Model} v{version}");
        });

    public static void WriteStructuredLine(Utf8JsonWriter writer, PredictionLogRecord record)
    {
        var (version, message) = Texts(record);
        writer.WriteStartObject();
        writer.WriteString(Severity, Info);
        writer.WriteString(Time, record.Timestamp);
        writer.WriteString(Message, message);
        writer.WriteStartObject(LabelsField);
        writer.WriteString(Kind, Prediction);
        writer.WriteString(ModelField, record.Model);
        writer.WriteString(VersionField, version);
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
        writer.WriteString(ModelField, record.Model);
        writer.WriteNumber(VersionField, record.Version);
        writer.WriteString(PackageUriField, record.PackageUri);
        // Written straight from the record's arrays: this runs for every sampled request.
        var schema = record.Schema;
        var names = FeatureNames.GetValue(schema, s => s.Features.Select(f => JsonEncodedText.Encode(f.Name)).ToArray());
        var numericWidth = schema.NumericFeatures.Count;
        var categoricalWidth = schema.CategoricalFeatures.Count;
        writer.WriteStartArray(FeaturesField);
        for (var row = 0; row < record.Count; row++)
        {
            if (record.RawRanges is { } ranges && ranges[row].Length > 0)
            {
                // Already validated against the schema by the parser; written as the client sent it.
                writer.WriteRawValue(record.RawInstances.AsSpan(ranges[row].Start, ranges[row].Length), skipInputValidation: true);
                continue;
            }

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
                        writer.WriteNull(names[f]);
                    }
                    else
                    {
                        writer.WriteNumber(names[f], value);
                    }
                }
                else if (record.Categorical[row * categoricalWidth + slot] is { } text)
                {
                    writer.WriteString(names[f], text);
                }
                else
                {
                    writer.WriteNull(names[f]);
                }
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray(PredictionsField);
        for (var i = 0; i < record.Count; i++)
        {
            writer.WriteNumberValue(record.Predictions[i]);
        }

        writer.WriteEndArray();
        writer.WriteNumber(LatencyField, Math.Round(record.LatencyMs, 3));
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
