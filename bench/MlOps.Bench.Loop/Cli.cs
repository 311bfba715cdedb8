using System.Collections.Concurrent;
using System.Diagnostics;
using MlOps.Testing;

/// <summary>The built <c>mlops</c> CLI (tools/MlOps.Cli) as its own process, its output stamped line by line as it arrives.</summary>
internal static class Cli
{
    public static string Binary => Path.Combine(Repository.Root, "tools", "MlOps.Cli", "bin", Repository.Configuration, "net10.0", "mlops.dll");

    public static async Task<CliRun> RunAsync(IEnumerable<string> args, TimeSpan timeout, IDictionary<string, string>? environment = null)
    {
        if (!File.Exists(Binary))
        {
            throw new InvalidOperationException($"{Binary} is missing: dotnet build MlOps.slnx -c {Repository.Configuration}");
        }

        var start = new ProcessStartInfo("dotnet", [Binary, .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Repository.Root,
        };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var lines = new ConcurrentQueue<CliLine>();
        var error = new ConcurrentQueue<string>();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lines.Enqueue(new CliLine(DateTime.UtcNow, e.Data));
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                error.Enqueue(e.Data);
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            error.Enqueue($"mlops {string.Join(' ', args)} did not finish in {timeout.TotalMinutes:F0} min and was stopped");
        }

        return new CliRun(process.ExitCode, [.. lines], string.Join('\n', error));
    }
}
