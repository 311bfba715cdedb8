using MassTransit;
using MlOps.PubSub;

namespace MlOps.Transport.PubSub.Transport;

/// <summary>The bus's Pub/Sub client and entity cache, created on first use and released when the
/// bus stops (a restarted bus gets a fresh one).</summary>
public sealed class PubSubConnection(PubSubHostSettings settings)
{
    private readonly Lock _lock = new();
    private State? _state;

    public PubSubHostSettings Settings { get; } = settings;

    public PubSubClient Client => Current.Client;

    public PubSubEntities Entities => Current.Entities;

    private State Current
    {
        get
        {
            lock (_lock)
            {
                if (_state is null)
                {
                    var client = PubSubClient.Create(Settings.ToClientSettings());
                    _state = new State(client, new PubSubEntities(client));
                }
                return _state;
            }
        }
    }

    public async Task ReleaseAsync()
    {
        State? state;
        lock (_lock)
        {
            state = _state;
            _state = null;
        }
        if (state is not null)
        {
            await state.Client.DisposeAsync().ConfigureAwait(false);
        }
    }

    private sealed record State(PubSubClient Client, PubSubEntities Entities);
}
