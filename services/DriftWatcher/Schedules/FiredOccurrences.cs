namespace MlOps.DriftWatcher.Schedules;

/// <summary>The run ids asked for lately, so a second fire of the same occurrence asks for nothing; the oldest fall off.</summary>
public sealed class FiredOccurrences
{
    private const int Capacity = 1024;
    private readonly HashSet<Guid> _ids = [];
    private readonly Queue<Guid> _order = new(Capacity);
    private readonly Lock _lock = new();

    public bool Contains(Guid runId)
    {
        lock (_lock)
        {
            return _ids.Contains(runId);
        }
    }

    public void Add(Guid runId)
    {
        lock (_lock)
        {
            if (!_ids.Add(runId))
            {
                return;
            }

            _order.Enqueue(runId);
            if (_order.Count > Capacity)
            {
                _ids.Remove(_order.Dequeue());
            }
        }
    }
}
