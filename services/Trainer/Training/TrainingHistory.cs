using MlOps.Contracts.Api;
using MlOps.Platform.Collections;

namespace MlOps.Trainer.Training;

/// <summary>Recent training runs, newest first, for the status API.</summary>
public sealed class TrainingHistory
{
    private const int Capacity = 100;
    private readonly Recent<TrainingRun> _runs = new(Capacity);

    public void Record(TrainingRun run) => _runs.Add(run);

    public IReadOnlyList<TrainingRun> Recent() => [.. _runs.Snapshot().Reverse()];
}
