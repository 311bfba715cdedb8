using MlOps.Contracts;

namespace MlOps.DriftWatcher.Retraining;

/// <summary>
/// The message ids seen lately and the alerts they raised, so a retried message publishes the same alert and the same
/// retraining request rather than nothing, and is not counted again: raising an alert starts the cooldown (and closes the
/// window), so checking again on a retry would find no drift, and a retraining request lost to a failed publish would be
/// lost for good. Bounded: the oldest ids are forgotten first. It runs for every log entry, so it allocates nothing per
/// message: the ids live in a ring and a set of fixed capacity, and only the rare alert gets an entry of its own.
/// </summary>
public sealed class RaisedAlerts
{
    private const int Capacity = 1_000;
    private readonly Lock _lock = new();
    private readonly Guid[] _ring = new Guid[Capacity];
    private readonly HashSet<Guid> _seen = new(Capacity + 1);
    private readonly Dictionary<Guid, DriftDetected> _alerts = [];
    private int _next;

    /// <summary>What <paramref name="messageId"/> raised before (null: nothing), or <paramref name="check"/>'s answer, remembered.</summary>
    public DriftDetected? For(Guid? messageId, Func<DriftDetected?> check) => For(messageId, check, static c => c());

    /// <summary>As <see cref="For(Guid?, Func{DriftDetected?})"/>, with the check's state passed in rather than captured.</summary>
    public DriftDetected? For<TState>(Guid? messageId, TState state, Func<TState, DriftDetected?> check)
    {
        if (messageId is not { } id)
        {
            return check(state);
        }

        lock (_lock)
        {
            if (_seen.Contains(id))
            {
                return _alerts.GetValueOrDefault(id);
            }
        }

        // Checked outside the lock: a message is handled by one consumer at a time, and the check takes its own locks.
        var alert = check(state);
        lock (_lock)
        {
            if (_seen.Add(id))
            {
                Remember(id, alert);
            }
        }

        return alert;
    }

    private void Remember(Guid id, DriftDetected? alert)
    {
        if (_seen.Count > Capacity)
        {
            var oldest = _ring[_next];
            _seen.Remove(oldest);
            _alerts.Remove(oldest);
        }

        _ring[_next] = id;
        _next = (_next + 1) % Capacity;
        if (alert is not null)
        {
            _alerts[id] = alert;
        }
    }
}
