using System.Text;
using System.Text.Json;
using MlOps.Core.Packaging;

namespace MlOps.Core.Scoring;

/// <summary>
/// JSON lines in — one instance per line, an object of features or an array in schema order — and
/// Vertex AI batch prediction's JSON lines out: <c>{"instance": …, "prediction": {"probability": p, "label": l}}</c>.
/// </summary>
internal sealed class JsonLinesBatchRecords : IBatchRecords, IDisposable
{
    private readonly StreamReader _reader;
    private readonly Stream _output;
    private readonly Utf8JsonWriter _writer;
    private readonly InstanceParser _parser;
    private readonly FeatureBatch _batch;
    private readonly List<FieldError> _errors = [];
    private byte[] _line = [];
    private long _read;

    public JsonLinesBatchRecords(ModelPackage package, Stream input, Stream output, TextWriter? rejects)
    {
        _reader = new StreamReader(input, leaveOpen: true);
        _output = output;
        _writer = new Utf8JsonWriter(output);
        _parser = new InstanceParser(package.Schema);
        _batch = new FeatureBatch(package.Schema);
        rejects?.Write("line,field,problem\n");
    }

    public long Read => _read;

    public bool Next()
    {
        while (_reader.ReadLine() is { } line)
        {
            if (!string.IsNullOrWhiteSpace(line))
            {
                _read++;
                _line = Encoding.UTF8.GetBytes(line);
                return true;
            }
        }

        return false;
    }

    public bool TryLoad(ScoringEngine engine, TextWriter? rejects)
    {
        _batch.Clear();
        _errors.Clear();
        if (_parser.TryParseInstance(_line, _batch, _errors) && _batch.Count == 1)
        {
            _batch.Load(0, engine);
            return true;
        }

        if (rejects is not null)
        {
            foreach (var error in _errors)
            {
                rejects.Write($"{_read},{error.Field},");
                CsvWriting.WriteField(rejects, error.Message);
                rejects.Write('\n');
            }
        }

        return false;
    }

    public void Write(float probability, string label)
    {
        _writer.Reset(_output);
        _writer.WriteStartObject();
        _writer.WritePropertyName("instance");
        _writer.WriteRawValue(_line, skipInputValidation: true);
        _writer.WriteStartObject("prediction");
        _writer.WriteNumber("probability", probability);
        _writer.WriteString("label", label);
        _writer.WriteEndObject();
        _writer.WriteEndObject();
        _writer.Flush();
        _output.WriteByte((byte)'\n');
    }

    public void Dispose()
    {
        _writer.Dispose();
        _reader.Dispose();
    }
}
