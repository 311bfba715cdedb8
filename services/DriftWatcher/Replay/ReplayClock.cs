namespace MlOps.DriftWatcher.Replay;

/// <summary>
/// The time of a replay: the timestamp of the entry it is reading, never going back, so that windows close and
/// cooldowns pass as they did while the entries were live.
/// </summary>
internal sealed class ReplayClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void MoveTo(DateTimeOffset at)
    {
        if (at > _now)
        {
            _now = at;
        }
    }
}
