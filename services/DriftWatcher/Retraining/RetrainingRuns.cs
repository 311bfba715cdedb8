namespace MlOps.DriftWatcher.Retraining;

/// <summary>
/// The drift alerts a retraining was asked for, by alert id, so that the same alert never runs a second build. Kept in
/// memory, as the windows and cooldowns that raise alerts are: a restarted DriftWatcher raises new alerts with new ids.
/// The most recent <see cref="Kept"/> are remembered, far more than the alerts a cooldown lets through between redeliveries.
/// </summary>
internal sealed class RetrainingRuns
{
    public const int Kept = 1000;

    private readonly Lock _gate = new();
    private readonly HashSet<Guid> _claimed = [];
    private Queue<Guid> _order = new();

    /// <summary>True for the first claim of an alert; false when it was claimed before (and not released).</summary>
    public bool TryClaim(Guid alertId)
    {
        lock (_gate)
        {
            if (!_claimed.Add(alertId))
            {
                return false;
            }

            _order.Enqueue(alertId);
            while (_order.Count > Kept)
            {
                _claimed.Remove(_order.Dequeue());
            }

            return true;
        }
    }

    /// <summary>Forgets a claim whose request failed altogether, so that a redelivery asks again.</summary>
    public void Release(Guid alertId)
    {
        lock (_gate)
        {
            if (_claimed.Remove(alertId))
            {
                _order = new Queue<Guid>(_order.Where(id => id != alertId));
            }
        }
    }
}
