using System.Text.Json;
using MlOps.Testing;

/// <summary>
/// <c>mlops loop --json</c> as a new user runs it: all five services in one process on the in-memory bus.
/// Its timeline stamps every message as it is published, so each stage is read from there.
/// </summary>
internal static class EmbeddedMode
{
    public static async Task<LoopRun> RunAsync()
    {
        using var work = new TempDirectory("mlops-bench-loop");
        var run = await Cli.RunAsync(["loop", "--workdir", work.Combine("loop"), "--json"], TimeSpan.FromMinutes(5));
        if (run.ExitCode != 0)
        {
            throw new InvalidOperationException($"mlops loop exited {run.ExitCode}: {run.Error}\n{Tail(run.Output)}");
        }

        var timeline = JsonDocument.Parse(run.Output).RootElement.GetProperty("timeline").EnumerateArray()
            .Select(e => (At: e.GetProperty("at").GetDouble(), Service: e.GetProperty("service").GetString()!, What: e.GetProperty("what").GetString()!, Detail: e.GetProperty("detail").GetString()!))
            .ToList();
        var onset = timeline.First(e => e.What == "drift begins").At;
        double? After(string what, Func<string, bool>? detail = null) =>
            timeline.FirstOrDefault(e => e.At >= onset && e.What == what && (detail is null || detail(e.Detail))) is { What: not null } e ? e.At - onset : null;

        var serving = After("DeploymentCompleted", d => !d.StartsWith("v1 ", StringComparison.Ordinal))
            ?? throw new InvalidOperationException("the loop closed but its timeline has no new version serving 100%");
        return new LoopRun(
            After("DriftDetected"),
            After("TrainingRequested", d => d.EndsWith("reason drift", StringComparison.Ordinal)),
            After("ModelTrained"),
            After("ModelPromoted"),
            After("DeploymentStarted"),
            serving);
    }

    private static string Tail(string text) => text.Length > 2000 ? text[^2000..] : text;
}
