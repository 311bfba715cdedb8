using System.Diagnostics;
using MlOps.Core.Data;
using MlOps.Core.Packaging;
using MlOps.Core.Validation;

namespace MlOps.Core.Scoring;

/// <summary>
/// Scores a CSV file into a CSV file, one row at a time so memory stays flat whatever the input
/// size. Each output row is the input row plus <c>probability</c> and <c>label</c>; rows that do not
/// fit the schema go to the rejects writer with the reason, one line per problem.
/// </summary>
public static class BatchScorer
{
    public static BatchScoringResult ScoreCsv(
        ModelPackage package,
        Stream input,
        TextWriter output,
        TextWriter? rejects = null,
        IProgress<long>? rowsProgress = null,
        IBatchObserver? observer = null,
        CancellationToken cancellationToken = default)
    {
        var watch = Stopwatch.StartNew();
        var schema = package.Schema;
        var validator = new FeatureValidator(schema);
        using var reader = new CsvRowReader(input, leaveOpen: true);
        if (!reader.ReadHeader())
        {
            throw new InvalidDataException("the input is empty: no header");
        }

        var header = reader.Header!;
        var columns = schema.Features.Select(f => Array.IndexOf(header, f.Name)).ToArray();
        var absent = schema.Features.Where((_, i) => columns[i] < 0).Select(f => f.Name).ToList();
        if (absent.Count > 0)
        {
            throw new InvalidDataException($"the input lacks the column(s) {string.Join(", ", absent)} that the model needs");
        }

        output.Write(string.Join(',', header.Select(h => h.Contains(',') ? $"\"{h}\"" : h)));
        output.Write(",probability,label\n");
        rejects?.Write("row,column,problem\n");

        var scorer = package.Scorer;
        var engine = scorer.Rent();
        var pools = schema.CategoricalFeatures.Select(_ => new StringPool()).ToArray();
        long scored = 0, rejected = 0;
        try
        {
            while (reader.Read())
            {
                if (reader.FieldCount != header.Length)
                {
                    rejected++;
                    rejects?.Write($"{reader.Row},,expected {header.Length} fields found {reader.FieldCount}\n");
                    continue;
                }

                if (!TryLoad(reader, columns, validator, engine, pools, rejects))
                {
                    rejected++;
                    continue;
                }

                var p = engine.Score();
                observer?.Scored(engine, p);
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    if (i > 0)
                    {
                        output.Write(',');
                    }

                    CsvWriting.WriteField(output, reader.Field(i));
                }

                output.Write(',');
                CsvWriting.WriteFloat(output, p);
                output.Write(',');
                output.Write(package.LabelFor(p));
                output.Write('\n');
                scored++;
                if ((scored & 0x3FFF) == 0)
                {
                    rowsProgress?.Report(reader.Row);
                    cancellationToken.ThrowIfCancellationRequested();
                }
            }
        }
        finally
        {
            scorer.Return(engine);
        }

        rowsProgress?.Report(reader.Row);
        return new BatchScoringResult(reader.Row, scored, rejected, watch.Elapsed);
    }

    /// <summary>
    /// Scores JSON lines — one instance per line, an object of features or an array in schema
    /// order — into JSON lines <c>{"instance": …, "prediction": {"probability": p, "label": l}}</c>,
    /// the shape of Vertex AI batch prediction output. Lines that do not parse go to the rejects.
    /// </summary>
    public static BatchScoringResult ScoreJsonLines(
        ModelPackage package,
        Stream input,
        Stream output,
        TextWriter? rejects = null,
        IProgress<long>? rowsProgress = null,
        IBatchObserver? observer = null,
        CancellationToken cancellationToken = default)
    {
        var watch = Stopwatch.StartNew();
        var parser = new InstanceParser(package.Schema);
        var batch = new FeatureBatch(package.Schema);
        var errors = new List<FieldError>();
        using var reader = new StreamReader(input, leaveOpen: true);
        using var writer = new System.Text.Json.Utf8JsonWriter(output);
        var scorer = package.Scorer;
        var engine = scorer.Rent();
        long rows = 0, scored = 0, rejected = 0;
        rejects?.Write("line,field,problem\n");
        try
        {
            while (reader.ReadLine() is { } line)
            {
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                rows++;
                batch.Clear();
                errors.Clear();
                var bytes = System.Text.Encoding.UTF8.GetBytes(line);
                if (!parser.TryParseInstance(bytes, batch, errors) || batch.Count != 1)
                {
                    rejected++;
                    foreach (var error in errors)
                    {
                        rejects?.Write($"{rows},{error.Field},");
                        if (rejects is not null)
                        {
                            CsvWriting.WriteField(rejects, error.Message);
                            rejects.Write('\n');
                        }
                    }

                    continue;
                }

                batch.Load(0, engine);
                var p = engine.Score();
                observer?.Scored(engine, p);
                writer.Reset(output);
                writer.WriteStartObject();
                writer.WritePropertyName("instance");
                writer.WriteRawValue(bytes, skipInputValidation: true);
                writer.WriteStartObject("prediction");
                writer.WriteNumber("probability", p);
                writer.WriteString("label", package.LabelFor(p));
                writer.WriteEndObject();
                writer.WriteEndObject();
                writer.Flush();
                output.WriteByte((byte)'\n');
                scored++;
                if ((rows & 0x3FFF) == 0)
                {
                    rowsProgress?.Report(rows);
                    cancellationToken.ThrowIfCancellationRequested();
                }
            }
        }
        finally
        {
            scorer.Return(engine);
        }

        rowsProgress?.Report(rows);
        return new BatchScoringResult(rows, scored, rejected, watch.Elapsed);
    }

    private static bool TryLoad(CsvRowReader reader, int[] columns, FeatureValidator validator, ScoringEngine engine, StringPool[] pools, TextWriter? rejects)
    {
        var schema = validator.Schema;
        var ok = true;
        for (var f = 0; f < columns.Length; f++)
        {
            var raw = reader.Field(columns[f]);
            var slot = schema.Slot(f);
            CellStatus status;
            if (schema.Features[f].IsNumeric)
            {
                status = validator.ParseNumeric(f, raw, out engine.Numeric[slot]);
            }
            else
            {
                status = validator.CheckCategorical(f, raw);
                engine.Categorical[slot] = status == CellStatus.Ok ? pools[slot].Get(raw.Trim()).AsMemory() : ReadOnlyMemory<char>.Empty;
            }

            if (status is not (CellStatus.Ok or CellStatus.Missing))
            {
                ok = false;
                if (rejects is not null)
                {
                    var message = validator.Describe(f, status, raw.Trim().ToString()).Message;
                    rejects.Write($"{reader.Row},{schema.Features[f].Name},");
                    CsvWriting.WriteField(rejects, message);
                    rejects.Write('\n');
                }
            }
        }

        return ok;
    }
}
