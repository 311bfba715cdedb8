using MlOps.Core.Data;
using MlOps.Core.Packaging;
using MlOps.Core.Validation;

namespace MlOps.Core.Scoring;

/// <summary>CSV in, CSV out: each scored row is the input row plus <c>probability</c> and <c>label</c>.</summary>
internal sealed class CsvBatchRecords : IBatchRecords, IDisposable
{
    private readonly CsvRowReader _reader;
    private readonly TextWriter _output;
    private readonly FeatureValidator _validator;
    private readonly int[] _columns;
    private readonly StringPool[] _pools;
    private readonly int _width;

    public CsvBatchRecords(ModelPackage package, Stream input, TextWriter output, TextWriter? rejects)
    {
        var schema = package.Schema;
        _reader = new CsvRowReader(input, leaveOpen: true);
        _output = output;
        _validator = new FeatureValidator(schema);
        if (!_reader.ReadHeader())
        {
            throw new InvalidDataException("the input is empty: no header");
        }

        var header = _reader.Header!;
        _width = header.Length;
        _columns = [.. schema.Features.Select(f => Array.IndexOf(header, f.Name))];
        var absent = schema.Features.Where((_, i) => _columns[i] < 0).Select(f => f.Name).ToList();
        if (absent.Count > 0)
        {
            throw new InvalidDataException($"the input lacks the column(s) {string.Join(", ", absent)} that the model needs");
        }

        _pools = [.. schema.CategoricalFeatures.Select(_ => new StringPool())];
        for (var i = 0; i < header.Length; i++)
        {
            CsvWriting.WriteField(output, header[i]);
            output.Write(',');
        }

        output.Write("probability,label\n");
        rejects?.Write("row,column,problem\n");
    }

    public long Read => _reader.Row;

    public bool Next() => _reader.Read();

    public bool TryLoad(ScoringEngine engine, TextWriter? rejects)
    {
        if (_reader.FieldCount != _width)
        {
            rejects?.Write($"{_reader.Row},,expected {_width} fields found {_reader.FieldCount}\n");
            return false;
        }

        var schema = _validator.Schema;
        var ok = true;
        for (var f = 0; f < _columns.Length; f++)
        {
            var raw = _reader.Field(_columns[f]);
            var slot = schema.Slot(f);
            CellStatus status;
            if (schema.Features[f].IsNumeric)
            {
                status = _validator.ParseNumeric(f, raw, out engine.Numeric[slot]);
            }
            else
            {
                status = _validator.CheckCategorical(f, raw);
                engine.Categorical[slot] = status == CellStatus.Ok ? _pools[slot].Get(raw.Trim()).AsMemory() : ReadOnlyMemory<char>.Empty;
            }

            if (status is not (CellStatus.Ok or CellStatus.Missing))
            {
                ok = false;
                if (rejects is not null)
                {
                    rejects.Write($"{_reader.Row},{schema.Features[f].Name},");
                    CsvWriting.WriteField(rejects, _validator.Describe(f, status, raw.Trim().ToString()).Message);
                    rejects.Write('\n');
                }
            }
        }

        return ok;
    }

    public void Write(float probability, string label)
    {
        for (var i = 0; i < _reader.FieldCount; i++)
        {
            CsvWriting.WriteField(_output, _reader.Field(i));
            _output.Write(',');
        }

        CsvWriting.WriteFloat(_output, probability);
        _output.Write(',');
        _output.Write(label);
        _output.Write('\n');
    }

    public void Dispose() => _reader.Dispose();
}
