using System.Collections.Concurrent;

namespace MlOps.Predictor.Batch;

/// <summary>The batch jobs this Predictor has seen, for the status API.</summary>
public sealed class BatchJobs
{
    private readonly ConcurrentDictionary<Guid, BatchJobStatus> _jobs = new();

    public void Set(BatchJobStatus status) => _jobs[status.JobId] = status;

    public BatchJobStatus? Find(Guid id) => _jobs.GetValueOrDefault(id);
}

public sealed record BatchJobStatus(
    Guid JobId,
    string Model,
    string State,
    string InputUri,
    string OutputUri,
    string? RejectsUri = null,
    int? Version = null,
    long Rows = 0,
    long Scored = 0,
    long Rejected = 0,
    string? Problem = null);
