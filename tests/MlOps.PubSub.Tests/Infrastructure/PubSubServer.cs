using MlOps.PubSub;
using MlOps.Testing;

namespace MlOps.PubSub.Tests.Infrastructure;

/// <summary>The Pub/Sub server the tests talk to: an emulator named by PUBSUB_EMULATOR_HOST, or
/// else our pstest-based <c>.tools/pubsub-server</c> started on a free loopback port.</summary>
public sealed class PubSubServer : IAsyncLifetime
{
    public const string ProjectId = "mlops-tests";

    private PubSubTestServer? _server;

    public string Host { get; private set; } = "";

    /// <summary>Shortest ack deadline the server accepts: our server is started with 1 s so lease
    /// tests stay short; Google's emulator (and Pub/Sub) require 10 s.</summary>
    public int MinAckDeadlineSeconds { get; private set; } = 10;

    public PubSubClientSettings ClientSettings => new() { ProjectId = ProjectId, EmulatorHost = Host };

    public PubSubClient CreateClient() => PubSubClient.Create(ClientSettings);

    public async Task InitializeAsync()
    {
        _server = await PubSubTestServer.StartAsync(minAckDeadline: "1s");
        Host = _server.Host;
        MinAckDeadlineSeconds = _server.Ours ? 1 : 10;
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
