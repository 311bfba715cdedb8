/// <summary>The markdown table: each stage's median seconds (from the stage before it that the mode sees), the loop latency, and its ratio to the embedded loop's.</summary>
internal static class LoopTable
{
    public static void Write(IReadOnlyList<ModeResult> results)
    {
        var reference = results.FirstOrDefault(r => r.Mode == "embedded" && r.Runs.Count > 0) is { } embedded ? Stats.Median(embedded.Runs.Select(x => x.Serving)) : (double?)null;
        Console.WriteLine();
        Console.WriteLine("| mode | runs | onset → drift detected | → training requested | → model trained | → promoted | → deployment started | → serving 100% | loop latency s | ÷ embedded |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
        foreach (var result in results)
        {
            if (result.Runs.Count == 0)
            {
                Console.WriteLine($"| {result.Mode} | 0 | not run: {result.NotRun} | | | | | | | |");
                continue;
            }

            var stages = Enumerable.Range(0, LoopRun.Stages.Length).Select(i => Cell(result.Runs.Select(r => Step(r.Offsets, i)).ToList()));
            var latency = Stats.Median(result.Runs.Select(r => r.Serving));
            var ratio = reference is { } e ? $"{latency / e:F2}" : "—";
            Console.WriteLine($"| {result.Mode} | {result.Runs.Count} | {string.Join(" | ", stages)} | **{latency:F1}** | {ratio} |");
        }

        Console.WriteLine();
        foreach (var result in results)
        {
            Console.WriteLine($"- {result.Mode}: {result.How}" + (result.Note is null ? "" : $"; {result.Note}"));
        }
    }

    // A stage's time from the last earlier stage the mode saw (from the onset if none).
    private static double? Step(double?[] offsets, int stage)
    {
        if (offsets[stage] is not { } at)
        {
            return null;
        }

        var before = offsets.Take(stage).LastOrDefault(o => o is not null) ?? 0;
        return at - before;
    }

    private static string Cell(IReadOnlyList<double?> values) =>
        values.All(v => v is not null) ? $"{Stats.Median(values.Select(v => v!.Value)):F2}" : "—";
}
