using System.Diagnostics;

namespace MlOps.Loop.Tests;

/// <summary>The Pub/Sub server for the distributed tests: PUBSUB_EMULATOR_HOST when set, else our pstest server on a free port.</summary>
internal sealed class PubSubServerProcess : IAsyncDisposable
{
    private const string Ready = "pubsub-server listening on ";
    private readonly Process? _process;

    private PubSubServerProcess(string host, Process? process)
    {
        Host = host;
        _process = process;
    }

    public string Host { get; }

    public static async Task<PubSubServerProcess> StartAsync()
    {
        if (Environment.GetEnvironmentVariable("PUBSUB_EMULATOR_HOST") is { Length: > 0 } external)
        {
            return new PubSubServerProcess(external, null);
        }

        var binary = Path.Combine(Repository.Root, ".tools", "pubsub-server");
        if (!File.Exists(binary))
        {
            throw new InvalidOperationException($"the Pub/Sub test server is missing at {binary}: run ./test.sh or scripts/build-pubsub-server.sh, or set PUBSUB_EMULATOR_HOST");
        }

        var process = Process.Start(new ProcessStartInfo(binary, ["-host", "127.0.0.1:0", "-exit-with-stdin"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        })!;
        var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
        if (line is null || !line.StartsWith(Ready, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"the Pub/Sub server did not start: {line} {await process.StandardError.ReadToEndAsync()}");
        }

        return new PubSubServerProcess(line[Ready.Length..].Trim(), process);
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is null)
        {
            return;
        }

        _process.StandardInput.Close();
        if (!_process.WaitForExit(5000))
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
