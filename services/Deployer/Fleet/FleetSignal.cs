namespace MlOps.Deployer.Fleet;

/// <summary>
/// The revision of the desired state, and a way to wait for the next one: the long polls of the
/// replicas wake as soon as a change is saved. Only this process writes the desired state (the
/// Deployer runs as one instance), so an in-process signal is enough.
/// </summary>
public sealed class FleetSignal
{
    private readonly Lock _lock = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _revision = -1;

    /// <summary>The revision saved last; -1 until the store has been read.</summary>
    public long Revision
    {
        get
        {
            lock (_lock)
            {
                return _revision;
            }
        }
    }

    public void Saved(long revision)
    {
        TaskCompletionSource changed;
        lock (_lock)
        {
            if (revision <= _revision)
            {
                return;
            }

            _revision = revision;
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.SetResult();
    }

    /// <summary>Returns once the revision is past <paramref name="after"/>, or after <paramref name="wait"/>.</summary>
    public async Task WaitPastAsync(long after, TimeSpan wait, CancellationToken cancellationToken)
    {
        Task changed;
        lock (_lock)
        {
            if (_revision > after)
            {
                return;
            }

            changed = _changed.Task;
        }

        await changed.WaitAsync(wait, cancellationToken).ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        cancellationToken.ThrowIfCancellationRequested();
    }
}
