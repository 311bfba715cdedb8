namespace MlOps.PubSub;

/// <summary>Coalesces items that callers add one at a time into requests. An item goes out at once
/// when a request slot is free; while all slots are busy, items gather into the next request, so
/// batching costs no latency when idle and grows with load.
/// Items of different partitions (for messages: ordering keys) never share a request, and a
/// partition other than "" has at most one request in flight, so its items reach the server in the
/// order they were added: a request waits for the one before it of the same partition.</summary>
internal sealed class RequestBatcher<TItem, TResult> : IAsyncDisposable
{
    private readonly Func<IReadOnlyList<TItem>, Task<IReadOnlyList<TResult>>> _send;
    private readonly RequestBatcherOptions _options;
    private readonly Func<TItem, string> _partitionOf;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Queue<Pending>> _waiting = [];
    private readonly List<string> _turns = [];
    private readonly HashSet<string> _sending = [];
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _inFlight;
    private bool _stopped;

    public RequestBatcher(Func<IReadOnlyList<TItem>, Task<IReadOnlyList<TResult>>> send, RequestBatcherOptions options, Func<TItem, string>? partitionOf = null)
    {
        _send = send;
        _options = options;
        _partitionOf = partitionOf ?? (_ => "");
    }

    public Task<TResult> AddAsync(TItem item, int bytes)
    {
        var pending = new Pending(item, bytes, _partitionOf(item), new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously));
        lock (_lock)
        {
            if (_stopped)
            {
                throw new ObjectDisposedException(nameof(RequestBatcher<TItem, TResult>), "The batcher has been stopped.");
            }

            if (!_waiting.TryGetValue(pending.Partition, out var queue))
            {
                _waiting[pending.Partition] = queue = new Queue<Pending>();
                _turns.Add(pending.Partition);
            }
            queue.Enqueue(pending);
        }
        Pump();
        return pending.Completion.Task;
    }

    /// <summary>Starts as many requests as there are free slots and sendable items.</summary>
    private void Pump()
    {
        List<List<Pending>>? batches = null;
        lock (_lock)
        {
            while (_inFlight < _options.MaxConcurrentRequests && TakeBatch() is { } batch)
            {
                _inFlight++;
                (batches ??= []).Add(batch);
            }
            if (_stopped && _inFlight == 0 && _turns.Count == 0)
            {
                _drained.TrySetResult();
            }
        }
        foreach (var batch in batches ?? [])
        {
            _ = Task.Run(() => SendAsync(batch));
        }
    }

    /// <summary>The next request: items of the longest-waiting partition that has no request in flight (or is ""). Call under the lock.</summary>
    private List<Pending>? TakeBatch()
    {
        var turn = _turns.FindIndex(p => !_sending.Contains(p));
        if (turn < 0)
        {
            return null;
        }

        var partition = _turns[turn];
        _turns.RemoveAt(turn);
        var queue = _waiting[partition];
        var batch = new List<Pending>();
        long bytes = 0;
        while (batch.Count < _options.MaxItemsPerRequest && queue.TryPeek(out var next) && (batch.Count == 0 || bytes + next.Bytes <= _options.MaxBytesPerRequest))
        {
            batch.Add(queue.Dequeue());
            bytes += next.Bytes;
        }
        if (queue.Count == 0)
        {
            _waiting.Remove(partition);
        }
        else
        {
            _turns.Add(partition);
        }

        if (partition.Length > 0)
        {
            _sending.Add(partition);
        }

        return batch;
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
            lock (_lock)
            {
                _inFlight--;
                _sending.Remove(batch[0].Partition);
            }
            Pump();
        }
    }

    /// <summary>Sends what is queued, then stops accepting items.</summary>
    public async ValueTask DisposeAsync()
    {
        lock (_lock)
        {
            _stopped = true;
        }

        Pump();
        await _drained.Task.ConfigureAwait(false);
    }

    private sealed record Pending(TItem Item, int Bytes, string Partition, TaskCompletionSource<TResult> Completion);
}
