using MlOps.Contracts.Api;

/// <summary>The serving mode's runs as they come, then one markdown table (medians; ratios against a reference measured in the same runs) and a reading of it.</summary>
internal sealed class ServingReport(int replicas, double loadMs, (double One, double Two) signalNs, TimeSpan every, TimeSpan duration)
{
    public const string Direct = "one replica, direct (reference)";
    public const string Pinned = "one pinned replica, direct (follows no Deployer, reports nothing)";
    public const string Steady = "one replica, direct, one version (reference)";
    public const string Canary = "one replica, direct, canary in progress";
    public const string Counting = "counting a request for the signals, alone (VersionCounters.Answered, 2 threads on one version's counters)";

    private readonly Dictionary<string, SortedDictionary<int, Measured>> _runs = [];
    private readonly List<double> _canaryShares = [];
    private readonly List<long> _canaryReported = [];
    private int _canaryPercent;

    public static string Promoting => $"proxy → {ServingBench.Replicas} replicas, promotions meanwhile";

    public static string Proxied(int replicas) => $"proxy → {replicas} replica{(replicas == 1 ? "" : "s")}";

    public void Add(string name, int repeat, Measured run)
    {
        (_runs.TryGetValue(name, out var runs) ? runs : _runs[name] = []).Add(repeat, run);
        var w = run.Wrk;
        var spread = run.Answered is { } answered && answered.Sum() > 0 ? $", answered by replica {string.Join("/", answered.Select(a => $"{100.0 * a / answered.Sum():F0}%"))}" : "";
        Console.WriteLine($"  run {repeat + 1}, {name}: {w.Rps:N0} rps, p50 {w.P50Ms:F2} ms, p99 {w.P99Ms:F2} ms; CPU µs a request: front {run.FrontCpuUs:F1}, replicas {run.ReplicasCpuUs:F1}; Deployer {run.DeployerCpuPercent:F1}% of a core"
            + (run.Promotions is { } p ? $"; {p.Published} promotions published, {p.Completed} rolled out within the run" : "") + spread + (w.Non2xx > 0 ? $"; NON-2XX {w.Non2xx}" : "") + (w.SocketErrors is { } e ? $"; {e}" : "") + (run.Settled ? "" : "; STARTED BEFORE THE FLEET WAS QUIET"));
    }

    /// <summary>Records a run made with <paramref name="canary"/> in progress, once it is sure the canary was in progress throughout and both versions answered on the replica.</summary>
    public async Task CanaryAsync(ServingFleet fleet, DeploymentView canary, int repeat, Measured run)
    {
        var after = await fleet.DeploymentAsync(canary.Version);
        if (after is not { State: "Canary" })
        {
            throw new InvalidOperationException($"the canary v{canary.Version} ended while it was measured: {after?.State} ({after?.Signal}: {after?.Reason})");
        }

        var endpoint = await fleet.EndpointAsync(fleet.Replicas[0]);
        var answered = endpoint.Versions.FirstOrDefault(v => v.Version == canary.Version)?.Requests ?? 0;
        var total = endpoint.Versions.Sum(v => v.Requests);
        if (endpoint.Versions.Count != 2 || answered == 0 || answered == total)
        {
            throw new InvalidOperationException($"the replica did not serve the canary's split: {string.Join(", ", endpoint.Versions.Select(v => $"v{v.Version} {v.Percent}% {v.Requests} requests"))}");
        }

        _canaryPercent = canary.CanaryPercent;
        _canaryShares.Add(100.0 * answered / total);
        _canaryReported.Add(after.CanaryRequests);
        Add(Canary, repeat, run);
    }

    public void Print()
    {
        (string Name, string? Against)[] rows =
        [
            (Direct, null), (Pinned, Direct), (Proxied(1), Direct), (Proxied(2), Direct), (Proxied(3), Direct), (Promoting, Proxied(3)), (Steady, null), (Canary, Steady),
        ];
        Console.WriteLine();
        Console.WriteLine("| | rps | p50 ms | p99 ms | rps ratio (runs) | p50 ratio | p99 ratio | against | front CPU µs/request | Predictors' CPU µs/request | Deployer CPU, % of a core |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var (name, against) in rows.Where(r => _runs.ContainsKey(r.Name)))
        {
            var ratios = against is null ? " | | "
                : $"{Ratio(name, against):F3} ({Spread(name, against)}) | {Median(name, m => m.Wrk.P50Ms) / Median(against, m => m.Wrk.P50Ms):F2} | {Median(name, m => m.Wrk.P99Ms) / Median(against, m => m.Wrk.P99Ms):F2}";
            var label = name == Promoting ? $"{name} (one published every {every.TotalSeconds:0.#} s, {Median(name, m => m.Promotions!.Published):F0} a run, {Median(name, m => m.Promotions!.Completed):F0} rolled out within it)"
                : name == Canary ? $"{name} ({100 - _canaryPercent}/{_canaryPercent})" : name;
            var front = name.StartsWith("proxy", StringComparison.Ordinal) ? Median(name, m => m.FrontCpuUs).ToString("F1") : "";
            Console.WriteLine($"| {label} | {Median(name, m => m.Wrk.Rps):N0} | {Median(name, m => m.Wrk.P50Ms):F2} | {Median(name, m => m.Wrk.P99Ms):F2} | {ratios} | {against ?? ""} | "
                + $"{front} | {Median(name, m => m.ReplicasCpuUs):F1} | {Median(name, m => m.DeployerCpuPercent):F1} |");
        }

        if (_runs.ContainsKey(Steady))
        {
            var share = signalNs.Two / 10 / Median(Steady, m => m.ReplicasCpuUs);
            Console.WriteLine($"| {Counting} | | | | | | | | | {signalNs.Two / 1000:F3} ({share:F2}% of the steady replica's; one thread alone {signalNs.One / 1000:F3}) | |");
        }

        var failed = _runs.Values.SelectMany(r => r.Values).Sum(m => m.Wrk.Non2xx);
        Console.WriteLine();
        Console.WriteLine($"non-2xx responses in all runs: {failed}; load + verify of the package in one process: {loadMs:F1} ms; canary share answered on the replica: {string.Join(", ", _canaryShares.Select(s => $"{s:F1}%"))}; canary requests the Deployer had from the replicas' reports at the end of each canary run: {string.Join(", ", _canaryReported.Select(c => c.ToString("N0")))}");
        Console.WriteLine();
        Console.WriteLine(Reading());
    }

    private string Reading()
    {
        var promotions = Median(Promoting, m => m.Promotions!.Published);
        // Every promotion loads and verifies the package on every replica: that CPU as a share of the machine's during a run.
        var loads = 100 * promotions * replicas * loadMs / (duration.TotalMilliseconds * Environment.ProcessorCount);
        return $"On {Environment.ProcessorCount} cores, one replica behind the proxy serves {Ratio(Proxied(1), Direct):F2}× the rps it serves called directly (runs {Spread(Proxied(1), Direct)}), "
            + $"two {Ratio(Proxied(2), Direct):F2}× and three {Ratio(Proxied(3), Direct):F2}×: wrk, the proxy and the replicas share the same cores, so more replicas add no capacity here, "
            + $"and the proxy's price is the CPU it takes from them, {Median(Proxied(1), m => m.FrontCpuUs):F1} µs a request against the replica's own {Median(Direct, m => m.ReplicasCpuUs):F1} µs "
            + "(the rehearsal's front, YARP; Cloud Run's front does not run on the instances' cores), "
            + $"with p50 {Median(Direct, m => m.Wrk.P50Ms):F2} → {Median(Proxied(1), m => m.Wrk.P50Ms):F2} ms and p99 {Median(Direct, m => m.Wrk.P99Ms):F2} → {Median(Proxied(1), m => m.Wrk.P99Ms):F2} ms. "
            + $"A replica pinned to the package, following no Deployer and reporting nothing, serves {Ratio(Pinned, Direct):F3}× the rps of one that follows and reports (runs {Spread(Pinned, Direct)}). "
            + $"With the Deployer promoting a version every {every.TotalSeconds:0.#} s ({promotions:F0} a run, each followed, loaded and verified by all {replicas} replicas and reported; the loads alone, all within the run, would be {loads:F1}% of the machine's CPU), "
            + $"the proxied fleet serves {Ratio(Promoting, Proxied(3)):F3}× the steady fleet's rps (runs {Spread(Promoting, Proxied(3))}); the steady fleet's own following and reporting is in both. "
            + $"With a canary in progress ({100 - _canaryPercent}/{_canaryPercent}: each request rolls the split and is counted against its version, both versions reported and judged), "
            + $"a replica serves {Ratio(Canary, Steady):F3}× the rps it serves with one version (runs {Spread(Canary, Steady)}), "
            + $"its CPU {Median(Canary, m => m.ReplicasCpuUs):F1} against {Median(Steady, m => m.ReplicasCpuUs):F1} µs a request (all Predictor processes), the Deployer at {Median(Canary, m => m.DeployerCpuPercent):F1}% of a core against {Median(Steady, m => m.DeployerCpuPercent):F1}%. "
            + $"The Predictor has no switch for its signals: every request is counted for its version whatever the rollout, so a canary adds only the roll and a second set of counters; "
            + $"the counting itself, measured alone, is {signalNs.Two:F0} ns a request with two threads on the same counters ({signalNs.One:F0} ns on one), {signalNs.Two / 10 / Median(Steady, m => m.ReplicasCpuUs):F2}% of what a request costs the replica.";
    }

    private double Median(string name, Func<Measured, double> value) => Stats.Median(_runs[name].Values.Select(value));

    private double Ratio(string name, string against) => Median(name, m => m.Wrk.Rps) / Median(against, m => m.Wrk.Rps);

    private string Spread(string name, string against)
    {
        var paired = _runs[name].Where(r => _runs[against].ContainsKey(r.Key)).Select(r => r.Value.Wrk.Rps / _runs[against][r.Key].Wrk.Rps).Order().ToList();
        return paired.Count == 0 ? "—" : $"{paired[0]:F3}–{paired[^1]:F3}";
    }
}
