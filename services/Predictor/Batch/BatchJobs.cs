using System.Collections.Concurrent;
using MlOps.Contracts.Api;

namespace MlOps.Predictor.Batch;

/// <summary>The batch jobs this Predictor has seen, for the status API.</summary>
public sealed class BatchJobs
{
    private readonly ConcurrentDictionary<Guid, BatchJobStatus> _jobs = new();

    public void Set(BatchJobStatus status) => _jobs[status.JobId] = status;

    public BatchJobStatus? Find(Guid id) => _jobs.GetValueOrDefault(id);
}
