using System.Diagnostics;
using MlOps.PubSub;

namespace MlOps.PubSub.Tests.Infrastructure;

/// <summary>The Pub/Sub server the tests talk to: an emulator named by PUBSUB_EMULATOR_HOST, or
/// else our pstest-based <c>.tools/pubsub-server</c> started on a free loopback port.</summary>
public sealed class PubSubServer : IAsyncLifetime
{
    public const string ProjectId = "mlops-tests";

    Process? _process;

    public string Host { get; private set; } = "";

    /// <summary>Shortest ack deadline the server accepts: our server is started with 1 s so lease
    /// tests stay short; Google's emulator (and Pub/Sub) require 10 s.</summary>
    public int MinAckDeadlineSeconds { get; private set; } = 10;

    public PubSubClientSettings ClientSettings => new() { ProjectId = ProjectId, EmulatorHost = Host };

    public PubSubClient CreateClient() => PubSubClient.Create(ClientSettings);

    public async Task InitializeAsync()
    {
        var external = Environment.GetEnvironmentVariable(PubSubClientSettings.EmulatorHostVariable);
        if (!string.IsNullOrWhiteSpace(external))
        {
            Host = external.Trim();
            return;
        }
        var binary = Path.Combine(RepositoryRoot.Find(), ".tools", "pubsub-server");
        if (!File.Exists(binary))
            throw new InvalidOperationException($"The Pub/Sub test server is missing at {binary}: run ./test.sh or scripts/build-pubsub-server.sh (or set PUBSUB_EMULATOR_HOST to a running emulator).");

        var start = new ProcessStartInfo(binary, ["-host", "127.0.0.1:0", "-min-ack-deadline", "1s", "-exit-with-stdin"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        _process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {binary}.");
        var line = await _process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30))
            ?? throw new InvalidOperationException($"{binary} exited before it was ready: {await _process.StandardError.ReadToEndAsync()}");
        const string ready = "pubsub-server listening on ";
        if (!line.StartsWith(ready, StringComparison.Ordinal))
            throw new InvalidOperationException($"Unexpected first line from {binary}: {line}");
        Host = line[ready.Length..].Trim();
        MinAckDeadlineSeconds = 1;
    }

    public async Task DisposeAsync()
    {
        if (_process is null)
            return;
        _process.StandardInput.Close();
        if (!_process.WaitForExit(5000))
            _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
