using System.Diagnostics;
using MlOps.Core.Packaging;

namespace MlOps.Core.Scoring;

/// <summary>
/// Scores a file into a file, one record at a time so memory stays flat whatever the input size.
/// Records that do not fit the schema go to the rejects writer with the reason, one line per problem.
/// </summary>
public static class BatchScorer
{
    private const long ProgressEvery = 0x4000;

    /// <summary>CSV in, CSV out: each output row is the input row plus <c>probability</c> and <c>label</c>.</summary>
    public static BatchScoringResult ScoreCsv(
        ModelPackage package,
        Stream input,
        TextWriter output,
        TextWriter? rejects = null,
        IProgress<long>? rowsProgress = null,
        IBatchObserver? observer = null,
        CancellationToken cancellationToken = default)
    {
        using var records = new CsvBatchRecords(package, input, output, rejects);
        return Score(package, records, rejects, rowsProgress, observer, cancellationToken);
    }

    /// <summary>JSON lines in, Vertex AI batch prediction JSON lines out; lines that do not parse go to the rejects.</summary>
    public static BatchScoringResult ScoreJsonLines(
        ModelPackage package,
        Stream input,
        Stream output,
        TextWriter? rejects = null,
        IProgress<long>? rowsProgress = null,
        IBatchObserver? observer = null,
        CancellationToken cancellationToken = default)
    {
        using var records = new JsonLinesBatchRecords(package, input, output, rejects);
        return Score(package, records, rejects, rowsProgress, observer, cancellationToken);
    }

    // One loop for every format: progress and cancellation are checked by records read, rejected ones included.
    private static BatchScoringResult Score(ModelPackage package, IBatchRecords records, TextWriter? rejects, IProgress<long>? progress, IBatchObserver? observer, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var scorer = package.Scorer;
        var engine = scorer.Rent();
        long scored = 0, rejected = 0;
        try
        {
            while (records.Next())
            {
                if (records.TryLoad(engine, rejects))
                {
                    var p = engine.Score();
                    observer?.Scored(engine, p);
                    records.Write(p, package.LabelFor(p));
                    scored++;
                }
                else
                {
                    rejected++;
                }

                if (records.Read % ProgressEvery == 0)
                {
                    progress?.Report(records.Read);
                    cancellationToken.ThrowIfCancellationRequested();
                }
            }
        }
        finally
        {
            scorer.Return(engine);
        }

        progress?.Report(records.Read);
        return new BatchScoringResult(records.Read, scored, rejected, watch.Elapsed);
    }
}
