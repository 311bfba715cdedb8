using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MlOps.Registry.Infrastructure;

/// <summary>One store kind at the reference size and the large size, measured in alternation, then the large store's query plans.</summary>
internal static class Scale
{
    private const int Warmup = 10;

    public static async Task<(string Store, List<Row> Rows, List<string> Scans)> MeasureAsync(Func<string, Task<Store>> create, string folder, int reference, int versions, int calls, int repeats)
    {
        var small = await create($"registry-{reference}");
        var large = await create($"registry-{versions}");
        try
        {
            await using var smallTarget = await SeedAsync(small, folder, reference);
            await using var largeTarget = await SeedAsync(large, folder, versions);
            var measured = Operation.All.ToDictionary(o => o, _ => (Small: new List<Figures>(), Large: new List<Figures>()));
            for (var r = 0; r < repeats; r++)
            {
                foreach (var operation in Operation.All)
                {
                    measured[operation].Small.Add(await TimeAsync(operation, smallTarget.Target, calls));
                    measured[operation].Large.Add(await TimeAsync(operation, largeTarget.Target, calls));
                }

                Console.WriteLine($"{small.Name} repeat {r + 1}: " + string.Join("; ", Operation.All.Select(o => $"{o.Name} p50 {measured[o].Small[r].P50:F2} / {measured[o].Large[r].P50:F2} ms")));
            }

            var rows = Operation.All.Select(o => new Row(o.Name, Median(measured[o].Small), Median(measured[o].Large))).ToList();
            return (small.Name, rows, await QueryPlans.FullScansAsync(largeTarget.Target, small.Provider));
        }
        finally
        {
            await small.DropAsync();
            await large.DropAsync();
        }
    }

    private static async Task<Seeded> SeedAsync(Store store, string folder, int versions)
    {
        var host = await RegistryHost.StartAsync(store, Path.Combine(folder, Guid.NewGuid().ToString("N")));
        var history = new History(Target.Model, seed: 20);
        var start = Stopwatch.GetTimestamp();
        await history.SeedAsync(host.Services, versions);
        if (store.Provider == "PostgreSQL")
        {
            // As autovacuum would have by then: the planner judges the tables by their real sizes.
            await using var scope = host.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<RegistryDbContext>().Database.ExecuteSqlRawAsync("ANALYZE");
        }

        Console.WriteLine($"{store.Name}: seeded {versions:N0} versions through the gate in {Stats.Milliseconds(start) / 1000:F1} s ({history.Promotions:N0} promoted, champion v{history.Champion})");
        return new Seeded(host, new Target(host, versions, history));
    }

    private static async Task<Figures> TimeAsync(Operation operation, Target target, int calls)
    {
        for (var i = 0; i < Warmup; i++)
        {
            await operation.Call(target);
        }

        var times = new List<double>(calls);
        long bytes = 0;
        var sql = target.Host.Sql.Count;
        for (var i = 0; i < calls; i++)
        {
            var start = Stopwatch.GetTimestamp();
            bytes += await operation.Call(target);
            times.Add(Stats.Milliseconds(start));
        }

        return new Figures(Stats.Percentile(times, 0.5), Stats.Percentile(times, 0.99), (double)(target.Host.Sql.Count - sql) / calls, bytes / 1024.0 / calls);
    }

    private static Figures Median(List<Figures> runs) =>
        new(Stats.Median(runs.Select(f => f.P50)), Stats.Median(runs.Select(f => f.P99)), Stats.Median(runs.Select(f => f.Sql)), Stats.Median(runs.Select(f => f.Kilobytes)));

    private sealed record Seeded(RegistryHost Host, Target Target) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Host.DisposeAsync();
    }
}
