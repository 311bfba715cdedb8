using System.Diagnostics;

/// <summary>wrk against one URL of the fleet (2 threads, fixed connections and duration), with the CPU the fleet spent meanwhile.</summary>
internal sealed class ServingLoad(ServingFleet fleet, string body, int connections, TimeSpan duration)
{
    public TimeSpan Duration => duration;

    /// <summary>Measures <paramref name="url"/>, through <paramref name="front"/> if given, with <paramref name="meanwhile"/> running (until stopped) for as long as wrk does.</summary>
    public async Task<Measured> RunAsync(string url, Running? front, Func<CancellationToken, Task<Promotions>>? meanwhile = null)
    {
        var settled = await fleet.SettleAsync();
        var answered = meanwhile is null ? await fleet.AnsweredAsync() : null;
        var frontCpu = front?.Process.CpuTime() ?? TimeSpan.Zero;
        var replicasCpu = ReplicasCpu();
        var deployerCpu = fleet.Deployer.CpuTime();
        using var stop = new CancellationTokenSource();
        var background = meanwhile?.Invoke(stop.Token);
        var started = Stopwatch.GetTimestamp();
        var result = await Task.Run(() => Wrk.Run(url, body, 2, connections, duration));
        var elapsed = Stopwatch.GetElapsedTime(started);
        var frontSpent = front is null ? TimeSpan.Zero : front.Process.CpuTime() - frontCpu;
        var replicasSpent = ReplicasCpu() - replicasCpu;
        var deployerSpent = fleet.Deployer.CpuTime() - deployerCpu;
        stop.Cancel();
        var promotions = background is null ? null : await background;
        if (result.Requests == 0)
        {
            throw new InvalidOperationException($"wrk completed no request against {url} ({result.SocketErrors})");
        }

        var after = answered is null ? null : await fleet.AnsweredAsync();
        return new Measured(result, frontSpent.TotalMicroseconds / result.Requests, replicasSpent.TotalMicroseconds / result.Requests,
            deployerSpent / elapsed * 100, promotions, after?.Zip(answered!, (a, b) => a - b).ToArray(), settled);
    }

    /// <summary>wrk without measuring: the first requests through a path pay for its JIT and connections.</summary>
    public void WarmUp(string url, TimeSpan time) => Wrk.Run(url, body, 2, connections, time);

    private TimeSpan ReplicasCpu() => fleet.Predictors.Aggregate(TimeSpan.Zero, (sum, r) => sum + r.Process.CpuTime());
}
