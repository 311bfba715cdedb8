using System.Collections.Concurrent;

namespace MlOps.PubSub.Tests.Client;

public sealed class RequestBatcherTests
{
    [Fact]
    public async Task Items_gathered_while_requests_are_busy_share_a_request_only_with_their_own_ordering_key()
    {
        var requests = new ConcurrentQueue<IReadOnlyList<(string Key, int Number)>>();
        var inFlight = new ConcurrentDictionary<string, int>();
        var overlapping = 0;
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var batcher = new RequestBatcher<(string Key, int Number), int>(async items =>
        {
            requests.Enqueue(items);
            var keys = items.Select(i => i.Key).Where(k => k.Length > 0).Distinct().ToList();
            foreach (var key in keys.Where(key => inFlight.AddOrUpdate(key, 1, (_, n) => n + 1) > 1))
            {
                Interlocked.Increment(ref overlapping);
            }

            await release.Task;
            foreach (var key in keys)
            {
                inFlight.AddOrUpdate(key, 0, (_, n) => n - 1);
            }

            return items.Select(i => i.Number).ToList();
        }, new RequestBatcherOptions { MaxConcurrentRequests = 4 }, item => item.Key);
        (string Key, int Number)[] items = [("a", 1), ("b", 2), ("a", 3), ("", 4), ("b", 5), ("a", 6), ("", 7), ("a", 8)];

        var results = items.Select(item => batcher.AddAsync(item, 10)).ToList();
        release.SetResult();

        var sent = await Task.WhenAll(results).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(items.Select(i => i.Number), sent);
        await batcher.DisposeAsync();
        Assert.All(requests, request => Assert.Single(request.Select(i => i.Key).Distinct()));
        Assert.Equal(0, overlapping);
        foreach (var key in new[] { "a", "b" })
        {
            Assert.Equal(items.Where(i => i.Key == key).Select(i => i.Number), requests.Where(r => r[0].Key == key).SelectMany(r => r).Select(i => i.Number));
        }

        // "a" 3, 6 and 8 waited for the request with "a" 1 and then went out together.
        Assert.Equal(new[] { new[] { 1 }, [3, 6, 8] }, requests.Where(r => r[0].Key == "a").Select(r => r.Select(i => i.Number).ToArray()));
    }

    [Fact]
    public async Task Without_partitions_items_gathered_while_busy_go_out_together()
    {
        var requests = new ConcurrentQueue<IReadOnlyList<int>>();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var batcher = new RequestBatcher<int, int>(async items =>
        {
            requests.Enqueue(items);
            await release.Task;
            return items;
        }, new RequestBatcherOptions { MaxConcurrentRequests = 1 });

        var results = Enumerable.Range(1, 5).Select(i => batcher.AddAsync(i, 10)).ToList();
        release.SetResult();

        var sent = await Task.WhenAll(results).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal([1, 2, 3, 4, 5], sent);
        await batcher.DisposeAsync();
        Assert.Equal(new[] { new[] { 1 }, [2, 3, 4, 5] }, requests.Select(r => r.ToArray()));
        Assert.Throws<ObjectDisposedException>(() => { _ = batcher.AddAsync(6, 10); });
    }
}
