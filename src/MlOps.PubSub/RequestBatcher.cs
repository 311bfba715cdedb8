using System.Threading.Channels;

namespace MlOps.PubSub;

/// <summary>Coalesces items that callers add one at a time into requests. An item goes out at once
/// when a request slot is free; while all slots are busy, items gather into the next request, so
/// batching costs no latency when idle and grows with load.</summary>
internal sealed class RequestBatcher<TItem, TResult> : IAsyncDisposable
{
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Func<IReadOnlyList<TItem>, Task<IReadOnlyList<TResult>>> _send;
    private readonly RequestBatcherOptions _options;
    private readonly SemaphoreSlim _slots;
    private readonly Task _loop;
    private int _inFlight;
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public RequestBatcher(Func<IReadOnlyList<TItem>, Task<IReadOnlyList<TResult>>> send, RequestBatcherOptions options)
    {
        _send = send;
        _options = options;
        _slots = new SemaphoreSlim(options.MaxConcurrentRequests);
        _loop = Task.Run(RunAsync);
    }

    public Task<TResult> AddAsync(TItem item, int bytes)
    {
        var pending = new Pending(item, bytes, new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(RequestBatcher<TItem, TResult>), "The batcher has been stopped.");
        }

        return pending.Completion.Task;
    }

    private async Task RunAsync()
    {
        var reader = _queue.Reader;
        Pending? carried = null;
        while (carried is not null || await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            await _slots.WaitAsync().ConfigureAwait(false);
            var batch = new List<Pending>();
            long bytes = 0;
            if (carried is not null)
            {
                batch.Add(carried);
                bytes = carried.Bytes;
                carried = null;
            }
            while (batch.Count < _options.MaxItemsPerRequest && reader.TryRead(out var next))
            {
                if (batch.Count > 0 && bytes + next.Bytes > _options.MaxBytesPerRequest)
                {
                    carried = next;
                    break;
                }
                batch.Add(next);
                bytes += next.Bytes;
            }
            if (batch.Count == 0)
            {
                _slots.Release();
                continue;
            }
            Interlocked.Increment(ref _inFlight);
            _ = SendAsync(batch);
        }
        if (Volatile.Read(ref _inFlight) == 0)
        {
            _drained.TrySetResult();
        }
    }

    private async Task SendAsync(List<Pending> batch)
    {
        try
        {
            var results = await _send(batch.ConvertAll(p => p.Item)).ConfigureAwait(false);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Completion.TrySetResult(results[i]);
            }
        }
        catch (Exception e)
        {
            foreach (var pending in batch)
            {
                pending.Completion.TrySetException(e);
            }
        }
        finally
        {
            _slots.Release();
            if (Interlocked.Decrement(ref _inFlight) == 0 && _loop.IsCompleted)
            {
                _drained.TrySetResult();
            }
        }
    }

    /// <summary>Sends what is queued, then stops accepting items.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
        if (Volatile.Read(ref _inFlight) == 0)
        {
            _drained.TrySetResult();
        }

        await _drained.Task.ConfigureAwait(false);
    }

    private sealed record Pending(TItem Item, int Bytes, TaskCompletionSource<TResult> Completion);
}
