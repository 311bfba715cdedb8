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
