using MassTransit;
using MassTransit.Middleware;

namespace MlOps.Transport.PubSub.Transport;

/// <summary>Stopped by the host after its receive endpoints: flushes pending publishes and acks, then closes the channel.</summary>
internal sealed class PubSubConnectionAgent : Agent
{
    private readonly PubSubConnection _connection;

    public PubSubConnectionAgent(PubSubConnection connection)
    {
        _connection = connection;
        SetReady();
    }

    protected override async Task StopAgent(StopContext context)
    {
        await _connection.ReleaseAsync().ConfigureAwait(false);
        await base.StopAgent(context).ConfigureAwait(false);
    }
}
