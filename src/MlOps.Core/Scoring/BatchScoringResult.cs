namespace MlOps.Core.Scoring;

/// <summary>What a batch run did: rows read, scored and rejected (with reasons in the rejects file).</summary>
public sealed record BatchScoringResult(long Rows, long Scored, long Rejected, TimeSpan Elapsed)
{
    public double RowsPerSecond => Elapsed.TotalSeconds > 0 ? Rows / Elapsed.TotalSeconds : 0;
}
