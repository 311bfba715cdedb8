using System.Buffers;
using System.Collections.Concurrent;
using System.Text.Json;
using MlOps.Contracts;
using MlOps.Core.Schema;

namespace MlOps.Predictor.Logging;

/// <summary>
/// What every structured line of one version shares, encoded once: the fields up to the time (severity,
/// message, labels, model, version, package) and the feature names.
/// </summary>
internal sealed class LineTexts
{
    private static readonly ConcurrentDictionary<(string Model, int Version, string PackageUri, FeatureSchema Schema), LineTexts> All = new();

    // Each thread writing lines sees entries of a few versions: the last one almost always matches.
    [ThreadStatic]
    private static LineTexts? t_last;

    private readonly string _model;
    private readonly int _version;
    private readonly string _packageUri;
    private readonly FeatureSchema _schema;

    private LineTexts(string model, int version, string packageUri, FeatureSchema schema)
    {
        _model = model;
        _version = version;
        _packageUri = packageUri;
        _schema = schema;
        var text = version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var head = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(head))
        {
            writer.WriteStartObject();
            writer.WriteString("severity", "INFO");
            writer.WriteString("message", $"prediction {model} v{text}");
            writer.WriteStartObject("logging.googleapis.com/labels");
            writer.WriteString(PredictionLogEntry.KindLabel, PredictionLogEntry.PredictionKind);
            writer.WriteString("model", model);
            writer.WriteString("version", text);
            writer.WriteEndObject();
            writer.WriteString("model", model);
            writer.WriteNumber("version", version);
            writer.WriteString("packageUri", packageUri);
            writer.WriteString("time", "");
        }

        // Up to the time's opening quote: the time itself is written per entry.
        Head = head.WrittenSpan[..^1].ToArray();
        FeatureNames = [.. schema.Features.Select(f => JsonEncodedText.Encode(f.Name))];
    }

    public byte[] Head { get; }

    public JsonEncodedText[] FeatureNames { get; }

    public FeatureSchema Schema => _schema;

    public static LineTexts For(string model, int version, string packageUri, FeatureSchema schema)
    {
        if (t_last is { } last && ReferenceEquals(last._model, model) && last._version == version
            && ReferenceEquals(last._packageUri, packageUri) && ReferenceEquals(last._schema, schema))
        {
            return last;
        }

        return t_last = All.GetOrAdd((model, version, packageUri, schema), key => new LineTexts(key.Model, key.Version, key.PackageUri, key.Schema));
    }
}
