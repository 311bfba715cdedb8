namespace MlOps.Rehearsal.StandIns.Hosting;

/// <summary>What runs after a call has been answered (operations, jobs): cancelled and awaited when the stand-in stops.</summary>
internal sealed class BackgroundWork : IAsyncDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private readonly HashSet<Task> _running = [];

    public CancellationToken Stopping => _stopping.Token;

    /// <summary>Runs <paramref name="work"/>, which handles its own failures: what escapes it is lost.</summary>
    public void Run(Func<CancellationToken, Task> work)
    {
        var task = Task.Run(() => work(_stopping.Token));
        lock (_gate)
        {
            _running.Add(task);
        }

        // Added before the continuation is registered, so a task that is already done is still removed.
        task.ContinueWith(
            done =>
            {
                lock (_gate)
                {
                    _running.Remove(done);
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        Task[] running;
        lock (_gate)
        {
            running = [.. _running];
        }

        try
        {
            await Task.WhenAll(running).WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception)
        {
            // Work stops by cancellation; how each piece ended is its own business.
        }
    }
}
