using System.Diagnostics;

namespace MlOps.Bench.PubSub;

/// <summary>Starts .tools/pubsub-server on a free loopback port (or uses PUBSUB_EMULATOR_HOST).</summary>
public sealed class PubSubServerProcess : IDisposable
{
    readonly Process? _process;

    PubSubServerProcess(string host, Process? process)
    {
        Host = host;
        _process = process;
    }

    public string Host { get; }

    public static async Task<PubSubServerProcess> StartAsync()
    {
        var external = Environment.GetEnvironmentVariable("PUBSUB_EMULATOR_HOST");
        if (!string.IsNullOrWhiteSpace(external))
            return new PubSubServerProcess(external.Trim(), null);

        var binary = Path.Combine(FindRoot(), ".tools", "pubsub-server");
        if (!File.Exists(binary))
            throw new InvalidOperationException($"{binary} is missing: run scripts/build-pubsub-server.sh first.");
        var process = Process.Start(new ProcessStartInfo(binary, ["-host", "127.0.0.1:0", "-exit-with-stdin"])
        {
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        })!;
        var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30)) ?? throw new InvalidOperationException("pubsub-server exited early");
        return new PubSubServerProcess(line[(line.LastIndexOf(' ') + 1)..], process);
    }

    static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MlOps.slnx")))
                return dir.FullName;
        }
        throw new InvalidOperationException("Run the benchmark from inside the repository.");
    }

    public void Dispose()
    {
        if (_process is null)
            return;
        _process.StandardInput.Close();
        if (!_process.WaitForExit(5000))
            _process.Kill();
        _process.Dispose();
    }
}
