using System.Collections.Concurrent;
using MlOps.Contracts;

namespace MlOps.DriftWatcher.Retraining;

/// <summary>
/// The alert each message raised, by message id, so a retried message publishes the same alert and the same retraining
/// request rather than nothing: raising an alert starts the cooldown (and closes the window), so checking again on a
/// retry would find no drift, and a retraining request lost to a failed publish would be lost for good. Bounded: the
/// oldest ids are forgotten first.
/// </summary>
public sealed class RaisedAlerts
{
    private const int Capacity = 1_000;
    private readonly ConcurrentDictionary<Guid, DriftDetected?> _byMessage = new();
    private readonly ConcurrentQueue<Guid> _order = new();

    /// <summary>What <paramref name="messageId"/> raised before (null: nothing), or <paramref name="check"/>'s answer, remembered.</summary>
    public DriftDetected? For(Guid? messageId, Func<DriftDetected?> check)
    {
        if (messageId is not { } id)
        {
            return check();
        }

        if (_byMessage.TryGetValue(id, out var raised))
        {
            return raised;
        }

        var alert = check();
        if (_byMessage.TryAdd(id, alert))
        {
            _order.Enqueue(id);
            while (_order.Count > Capacity && _order.TryDequeue(out var oldest))
            {
                _byMessage.TryRemove(oldest, out _);
            }
        }

        return alert;
    }
}
