using System.Globalization;
using System.Text.RegularExpressions;
using MlOps.Testing;

/// <summary>
/// <c>mlops env rehearse dev</c>, as RehearsalTests run it: the environment from its rendered manifests
/// with Cloud Run's contract, the Pub/Sub test server, PostgreSQL for Cloud SQL and the log sink. Its
/// services stop when the command returns and every call to them needs an ID token the rehearsal
/// issues, so only what the driver wrote is seen: the onset, the alert, and the new version serving 100%.
/// </summary>
internal static partial class RehearsalMode
{
    public const string Environment = "dev";

    /// <summary>A PostgreSQL admin connection string (MLOPS_TEST_POSTGRES or MLOPS_POSTGRES), or null for none.</summary>
    public static string? Postgres =>
        new[] { "MLOPS_TEST_POSTGRES", "MLOPS_POSTGRES" }.Select(System.Environment.GetEnvironmentVariable).FirstOrDefault(v => v is { Length: > 0 });

    public static async Task<LoopRun> RunAsync(string postgres)
    {
        using var work = new TempDirectory("mlops-bench-loop-rehearsal");
        var run = await Cli.RunAsync(
            ["env", "rehearse", Environment, "--environments", Path.Combine(Repository.Root, "environments"), "--work", work.Path, "--postgres", postgres],
            TimeSpan.FromMinutes(8));
        if (run.ExitCode != 0)
        {
            throw new InvalidOperationException($"mlops env rehearse {Environment} exited {run.ExitCode}: {run.Error}\n{run.Output}");
        }

        var onset = run.First("drift begins") ?? throw new InvalidOperationException($"the rehearsal never wrote that the drift began:\n{run.Output}");
        var alert = run.Lines.FirstOrDefault(l => l.At >= onset.At && l.Text.Contains("DriftWatcher", StringComparison.Ordinal) && l.Text.Contains(" on v", StringComparison.Ordinal));
        var serving = run.Lines.Select(l => ServesAfter().Match(l.Text)).FirstOrDefault(m => m.Success)
            ?? throw new InvalidOperationException($"the rehearsal never wrote that a new version serves all traffic:\n{run.Output}");
        return new LoopRun(alert is null ? null : (alert.At - onset.At).TotalSeconds, null, null, null, null, double.Parse(serving.Groups[1].Value, CultureInfo.InvariantCulture));
    }

    // The driver's line "v2 serves all traffic, 12.3 s after the drift began".
    [GeneratedRegex(@"serves all traffic, ([0-9]+(?:\.[0-9]+)?) s after the drift began")]
    private static partial Regex ServesAfter();
}
