using System.Diagnostics;

namespace MlOps.Testing;

/// <summary>
/// The Pub/Sub server tests talk to: an emulator named by PUBSUB_EMULATOR_HOST, or else our
/// pstest-based <c>.tools/pubsub-server</c> on a free loopback port, which exits with the test process.
/// </summary>
public sealed class PubSubTestServer : IAsyncDisposable
{
    public const string EmulatorHostVariable = "PUBSUB_EMULATOR_HOST";
    private const string Ready = "pubsub-server listening on ";
    private readonly Process? _process;

    private PubSubTestServer(string host, Process? process)
    {
        Host = host;
        _process = process;
    }

    /// <summary><c>host:port</c> of the server.</summary>
    public string Host { get; }

    /// <summary>True for our server (started with <paramref name="minAckDeadline"/>), false for an external emulator (10 s minimum).</summary>
    public bool Ours => _process is not null;

    public static async Task<PubSubTestServer> StartAsync(string? minAckDeadline = null)
    {
        if (Environment.GetEnvironmentVariable(EmulatorHostVariable) is { Length: > 0 } external)
        {
            return new PubSubTestServer(external.Trim(), null);
        }

        var binary = Path.Combine(Repository.Root, ".tools", "pubsub-server");
        if (!File.Exists(binary))
        {
            throw new InvalidOperationException($"the Pub/Sub test server is missing at {binary}: run ./test.sh or scripts/build-pubsub-server.sh (or set {EmulatorHostVariable} to a running emulator)");
        }

        List<string> args = ["-host", "127.0.0.1:0", "-exit-with-stdin"];
        if (minAckDeadline is not null)
        {
            args.AddRange(["-min-ack-deadline", minAckDeadline]);
        }

        var process = Process.Start(new ProcessStartInfo(binary, args)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException($"could not start {binary}");
        var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
        if (line is null || !line.StartsWith(Ready, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{binary} did not start: {line} {await process.StandardError.ReadToEndAsync()}");
        }

        return new PubSubTestServer(line[Ready.Length..].Trim(), process);
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
