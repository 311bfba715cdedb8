using System.Buffers;
using System.Globalization;
using System.Numerics;
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

    [ThreadStatic]
    private static Utf8JsonWriter? t_features;

    public static Dictionary<string, string> Labels(PredictionLogRecord record) => new()
    {
        [PredictionLogEntry.KindLabel] = PredictionLogEntry.PredictionKind,
        ["model"] = record.Model,
        ["version"] = record.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>Writes <paramref name="record"/> as one structured line (without its newline) into <paramref name="output"/>.</summary>
    public static void WriteStructuredLine(IBufferWriter<byte> output, PredictionLogRecord record) =>
        WriteStructuredLine(output, LineTexts.For(record.Model, record.Version, record.PackageUri, record.Schema), record.Timestamp, record.LatencyMs,
            record.Predictions.AsSpan(0, record.Count), new RecordInstances(record));

    /// <summary>
    /// Writes one structured line (without its newline) into <paramref name="output"/>, reading the instances
    /// where they are: a record's copies, or a request's own buffers. Runs for every sampled request, so it is
    /// written by hand: the fields that are the same for every entry of a version come from bytes encoded
    /// once, and only the time, features, predictions and latency are formatted per entry.
    /// </summary>
    internal static void WriteStructuredLine<TInstances>(IBufferWriter<byte> output, LineTexts texts, DateTimeOffset time, double latencyMs, ReadOnlySpan<float> predictions, scoped in TInstances instances)
        where TInstances : ILoggedInstances, allows ref struct
    {
        output.Write(texts.Head);
        WriteTime(output, time);
        output.Write("\",\"features\":["u8);
        for (var row = 0; row < predictions.Length; row++)
        {
            if (row > 0)
            {
                output.Write(","u8);
            }

            var raw = instances.Raw(row);
            if (raw.Length > 0)
            {
                // Already validated against the schema by the parser; written as the client sent it.
                output.Write(raw);
            }
            else
            {
                WriteFeatures(output, texts, row, instances);
            }
        }

        output.Write("],\"predictions\":["u8);
        for (var i = 0; i < predictions.Length; i++)
        {
            if (i > 0)
            {
                output.Write(","u8);
            }

            WriteNumber(output, predictions[i]);
        }

        output.Write("],\"latencyMs\":"u8);
        WriteMilliseconds(output, latencyMs);
        output.Write("}"u8);
    }

    /// <summary>The same line through a JSON writer, for callers that hold one.</summary>
    public static void WriteStructuredLine(Utf8JsonWriter writer, PredictionLogRecord record)
    {
        var line = new ArrayBufferWriter<byte>(1024);
        WriteStructuredLine(line, record);
        writer.WriteRawValue(line.WrittenSpan, skipInputValidation: true);
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

    // A positional instance, from the parsed values (NaN and no text are nulls).
    private static void WriteFeatures<TInstances>(IBufferWriter<byte> output, LineTexts texts, int row, scoped in TInstances instances)
        where TInstances : ILoggedInstances, allows ref struct
    {
        var schema = texts.Schema;
        var names = texts.FeatureNames;
        var writer = t_features ??= new Utf8JsonWriter(output);
        writer.Reset(output);
        writer.WriteStartObject();
        for (var f = 0; f < schema.Features.Count; f++)
        {
            var slot = schema.Slot(f);
            if (schema.Features[f].IsNumeric)
            {
                var value = instances.Numeric(row, slot);
                if (float.IsNaN(value))
                {
                    writer.WriteNull(names[f]);
                }
                else
                {
                    writer.WriteNumber(names[f], value);
                }
            }
            else if (instances.TryCategorical(row, slot, out var text))
            {
                writer.WriteString(names[f], text);
            }
            else
            {
                writer.WriteNull(names[f]);
            }
        }

        writer.WriteEndObject();
        writer.Flush();
    }

    // As Utf8JsonWriter writes a DateTimeOffset: ISO 8601 round-trip, the fraction's trailing zeros trimmed (all of it when it is whole seconds).
    private static void WriteTime(IBufferWriter<byte> output, DateTimeOffset time)
    {
        var span = output.GetSpan(40);
        time.TryFormat(span, out var written, "O", CultureInfo.InvariantCulture);
        const int fraction = 19;
        if (written > fraction + 8 && span[fraction] == (byte)'.')
        {
            var digits = 7;
            while (digits > 0 && span[fraction + digits] == (byte)'0')
            {
                digits--;
            }

            var cut = digits == 0 ? 8 : 7 - digits;
            if (cut > 0)
            {
                span[(fraction + 8)..written].CopyTo(span[(fraction + 8 - cut)..]);
                written -= cut;
            }
        }

        output.Advance(written);
    }

    // To the microsecond, from whole microseconds: a double's shortest round-trip text costs several times more, and says no more.
    private static void WriteMilliseconds(IBufferWriter<byte> output, double milliseconds)
    {
        if (!double.IsFinite(milliseconds) || Math.Abs(milliseconds) >= 1e12)
        {
            WriteNumber(output, milliseconds);
            return;
        }

        var micros = (long)Math.Round(milliseconds * 1000);
        var span = output.GetSpan(32);
        var written = 0;
        if (micros < 0)
        {
            span[written++] = (byte)'-';
            micros = -micros;
        }

        var (whole, fraction) = Math.DivRem(micros, 1000);
        whole.TryFormat(span[written..], out var digits, default, CultureInfo.InvariantCulture);
        written += digits;
        if (fraction != 0)
        {
            // Three places, then the trailing zeros trimmed: 0.42, not 0.420.
            span[written] = (byte)'.';
            span[written + 1] = (byte)('0' + fraction / 100);
            span[written + 2] = (byte)('0' + fraction / 10 % 10);
            span[written + 3] = (byte)('0' + fraction % 10);
            written += 4;
            while (span[written - 1] == (byte)'0')
            {
                written--;
            }
        }

        output.Advance(written);
    }

    // Shortest round-trip text, as Utf8JsonWriter writes numbers; a value JSON cannot hold is null.
    private static void WriteNumber<T>(IBufferWriter<byte> output, T value)
        where T : IFloatingPoint<T>, IUtf8SpanFormattable
    {
        if (!T.IsFinite(value))
        {
            output.Write("null"u8);
            return;
        }

        var span = output.GetSpan(32);
        value.TryFormat(span, out var written, default, CultureInfo.InvariantCulture);
        output.Advance(written);
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
