using System.Diagnostics;
using MlOps.Core.Packaging;

/// <summary>
/// Serving through the project's reverse proxy (<see cref="MlOps.Rehearsal.Front.FrontProxy"/>) before 1, 2
/// and 3 Predictor replicas that follow a Deployer, against one replica called directly, in one run, and
/// that replica against one pinned to the package (no following, no reports);
/// then the same proxied load while the Deployer makes promotions, against the steady fleet; then one
/// replica with a canary in progress (two versions, the split rolled per request, both counted and
/// reported, the Deployer judging them) against the same replica serving one version. wrk drives the
/// serving bench's package and body; each comparison alternates its order from run to run.
/// </summary>
internal static class ServingBench
{
    public const int Replicas = 3;

    public static async Task RunAsync(BenchArgs args)
    {
        var seconds = args.Int("--seconds", 10);
        var repeats = args.Int("--repeats", 3);
        var connections = args.Int("--connections", 32);
        var warmup = args.Int("--warmup-seconds", 3);
        var every = TimeSpan.FromMilliseconds(args.Int("--promote-ms", 2000));
        Console.WriteLine($"fleet serving: wrk 2 threads × {connections} connections, one instance per request, {seconds} s per run, median of {repeats}; {Replicas} replicas; machine: {Environment.ProcessorCount} cores");

        var package = ServingWorkload.Package();
        var loadMs = LoadAndVerifyMs(package);
        var signalNs = (One: SignalCost.NanosecondsPerRequest(1), Two: SignalCost.NanosecondsPerRequest(Math.Min(2, Environment.ProcessorCount)));
        await using var fleet = await ServingFleet.StartAsync(Replicas, package, "immediate");
        await fleet.PromoteAsync();
        var fronts = new List<Running>();
        for (var n = 1; n <= Replicas; n++)
        {
            fronts.Add(await fleet.StartFrontAsync(n));
        }

        var load = new ServingLoad(fleet, ServingWorkload.Body(), connections, TimeSpan.FromSeconds(seconds));
        var direct = fleet.Replicas[0].Url + ServingFleet.PredictPath;
        var pinned = fleet.Pinned!.Url + ServingFleet.PredictPath;
        // Unmeasured first: every path, and a promotion under load (the Deployer's rollout and the replicas' loads pay for their JIT too).
        var warm = TimeSpan.FromSeconds(warmup);
        foreach (var url in fronts.Select(f => f.Url + ServingFleet.PredictPath).Prepend(pinned).Prepend(direct))
        {
            load.WarmUp(url, warm);
        }

        var promoting = fleet.PromoteAsync();
        load.WarmUp(fronts[^1].Url + ServingFleet.PredictPath, warm);
        await promoting;

        var report = new ServingReport(Replicas, loadMs, signalNs, every, load.Duration);
        var scenarios = new List<(string Name, Func<Task<Measured>> Run)>
        {
            (ServingReport.Direct, () => load.RunAsync(direct, null)),
            (ServingReport.Pinned, () => load.RunAsync(pinned, null)),
        };
        scenarios.AddRange(fronts.Select((front, i) => (ServingReport.Proxied(i + 1), (Func<Task<Measured>>)(() => load.RunAsync(front.Url + ServingFleet.PredictPath, front)))));
        scenarios.Add((ServingReport.Promoting, () => load.RunAsync(fronts[^1].Url + ServingFleet.PredictPath, fronts[^1], stop => fleet.PromoteEveryAsync(every, stop))));
        for (var r = 0; r < repeats; r++)
        {
            // Alternating the order cancels slow drifts in what the shared machine is doing.
            foreach (var (name, run) in r % 2 == 0 ? scenarios : Enumerable.Reverse(scenarios))
            {
                report.Add(name, r, await run());
            }
        }

        // The canary's two states, on a Deployer that rolls out by canary from now on (its database kept).
        await fleet.RestartDeployerAsync("canary");
        await fleet.PromoteAsync();
        load.WarmUp(direct, warm);
        await fleet.EndCanaryAsync();
        for (var r = 0; r < repeats; r++)
        {
            if (r % 2 == 0)
            {
                report.Add(ServingReport.Steady, r, await load.RunAsync(direct, null));
            }

            var canary = await fleet.PromoteAsync();
            var measured = await load.RunAsync(direct, null);
            await report.CanaryAsync(fleet, canary, r, measured);
            await fleet.EndCanaryAsync();
            if (r % 2 == 1)
            {
                report.Add(ServingReport.Steady, r, await load.RunAsync(direct, null));
            }
        }

        report.Print();
    }

    // What a replica cannot avoid on each promotion, measured here on the same package (the first load pays for the JIT).
    private static double LoadAndVerifyMs(string package)
    {
        ModelPackage.Load(package).Verify();
        return Stats.Median(Enumerable.Range(0, 5).Select(_ =>
        {
            var started = Stopwatch.GetTimestamp();
            ModelPackage.Load(package).Verify();
            return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }));
    }
}
