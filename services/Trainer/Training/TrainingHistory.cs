using System.Collections.Concurrent;

namespace MlOps.Trainer.Training;

/// <summary>Recent training runs, newest first, for the status API.</summary>
public sealed class TrainingHistory
{
    private const int Capacity = 100;
    private readonly ConcurrentQueue<TrainingRun> _runs = new();

    public void Record(TrainingRun run)
    {
        _runs.Enqueue(run);
        while (_runs.Count > Capacity && _runs.TryDequeue(out _))
        {
        }
    }

    public IReadOnlyList<TrainingRun> Recent() => _runs.Reverse().ToList();
}

public sealed record TrainingRun(Guid RequestId, string Model, string Reason, string Outcome, double? Auc, double? ChampionAuc, string? PackageUri, double Seconds, DateTimeOffset FinishedAt, string? Problem);
