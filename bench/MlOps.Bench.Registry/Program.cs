using System.Diagnostics;
using System.Globalization;
using MlOps.Testing;

// The Registry's cost as its state grows: the versions list, one version, the champion lookups, the
// decisions list over real HTTP on 127.0.0.1, and the gate (a ModelTrained registered and compared
// with the champion) through the consumer's own code, on a store seeded through that same code with
// --versions versions of one model (each with its gate decision) and, as the reference measured in the
// same run, with --reference versions. 10k ÷ 100 near 1 means the cost does not grow with the state.
// SQLite always; PostgreSQL when --postgres or MLOPS_TEST_POSTGRES names a server.
var versions = Arg("--versions", 10_000);
var reference = Arg("--reference", 100);
var calls = Arg("--calls", 100);
var repeats = Arg("--repeats", 3);
var postgres = Text("--postgres") ?? Environment.GetEnvironmentVariable("MLOPS_TEST_POSTGRES");
Console.WriteLine($"registry scale: {versions:N0} versions against {reference:N0}, {calls} calls per operation, median of {repeats} repeats; machine: {Environment.ProcessorCount} cores");

using var folder = new TempDirectory("mlops-bench-registry");
var results = new List<(string Store, List<Row> Rows, List<string> Scans)>();
results.Add(await Scale.MeasureAsync(name => Task.FromResult(Store.Sqlite(folder.Path, name + ".db")), folder.Path, reference, versions, calls, repeats));
if (string.IsNullOrWhiteSpace(postgres))
{
    Console.WriteLine("PostgreSQL skipped: pass --postgres <connection string> or set MLOPS_TEST_POSTGRES (scripts/start-postgres.sh prints one)");
}
else
{
    results.Add(await Scale.MeasureAsync(_ => Store.PostgresAsync(postgres), folder.Path, reference, versions, calls, repeats));
}

foreach (var (store, rows, scans) in results)
{
    Console.WriteLine();
    Console.WriteLine($"### {store}: {reference:N0} → {versions:N0} versions (each with its gate decision), p50/p99 of {calls} calls, median of {repeats}");
    Console.WriteLine();
    Console.WriteLine($"| operation | SQL per call {reference:N0} / {versions:N0} | KB {reference:N0} / {versions:N0} | p50 ms {reference:N0} | p99 ms {reference:N0} | p50 ms {versions:N0} | p99 ms {versions:N0} | p50 ratio | p99 ratio |");
    Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
    foreach (var r in rows)
    {
        Console.WriteLine($"| {r.Operation} | {r.Small.Sql:0.#} / {r.Large.Sql:0.#} | {r.Small.Kilobytes:0.#} / {r.Large.Kilobytes:0.#} | {r.Small.P50:F2} | {r.Small.P99:F2} | {r.Large.P50:F2} | {r.Large.P99:F2} | {r.Large.P50 / r.Small.P50:F2} | {r.Large.P99 / r.Small.P99:F2} |");
    }

    Console.WriteLine();
    Console.WriteLine(scans.Count == 0
        ? $"{store} query plans at {versions:N0} versions: every statement reads Versions, Decisions and AliasChanges through an index"
        : $"{store} query plans at {versions:N0} versions, full scans:{Environment.NewLine}" + string.Join(Environment.NewLine, scans.Select(s => "- " + s)));
}

return;

int Arg(string name, int fallback) =>
    Text(name) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

string? Text(string name) =>
    Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;

/// <summary>One operation's figures at one size: the median over repeats of p50 and p99, and what each call cost in SQL and bytes.</summary>
internal sealed record Figures(double P50, double P99, double Sql, double Kilobytes);

internal sealed record Row(string Operation, Figures Small, Figures Large);

internal static class Stats
{
    public static double Percentile(List<double> values, double quantile)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(quantile * sorted.Count) - 1)];
    }

    public static double Median(IEnumerable<double> values) => Percentile([.. values], 0.5);

    public static double Milliseconds(long start) => Stopwatch.GetElapsedTime(start).TotalMilliseconds;
}
