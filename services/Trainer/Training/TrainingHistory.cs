using MlOps.Contracts.Api;

namespace MlOps.Trainer.Training;

/// <summary>Recent training runs, newest first, for the status API; a run learns its version when the Registry announces it.</summary>
public sealed class TrainingHistory
{
    private const int Capacity = 100;
    private readonly LinkedList<TrainingRun> _runs = new();
    private readonly Lock _lock = new();

    public void Record(TrainingRun run)
    {
        lock (_lock)
        {
            _runs.AddFirst(run);
            if (_runs.Count > Capacity)
            {
                _runs.RemoveLast();
            }
        }
    }

    /// <summary>Notes the version a recorded run became; a run no longer (or never) recorded here is left alone.</summary>
    public void Registered(Guid requestId, int version)
    {
        lock (_lock)
        {
            for (var node = _runs.First; node is not null; node = node.Next)
            {
                if (node.Value.RequestId == requestId)
                {
                    node.Value = node.Value with { Version = version };
                    return;
                }
            }
        }
    }

    public IReadOnlyList<TrainingRun> Recent()
    {
        lock (_lock)
        {
            return [.. _runs];
        }
    }
}
