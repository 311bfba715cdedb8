using MassTransit;
using MassTransit.Configuration;

namespace MlOps.Transport.PubSub.Configuration;

/// <summary>Records the topic of every message type the endpoint consumes, so the endpoint can
/// subscribe to it.</summary>
public sealed class PubSubReceiveEndpointBuilder(PubSubReceiveEndpointConfiguration configuration)
    : ReceiveEndpointBuilder(configuration)
{
    private readonly SortedSet<string> _topics = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> ConsumedTopics => _topics;

    public override ConnectHandle ConnectConsumePipe<T>(IPipe<ConsumeContext<T>> pipe, ConnectPipeOptions options)
    {
        if (configuration.ConfigureConsumeTopology && options.HasFlag(ConnectPipeOptions.ConfigureConsumeTopology)
            && configuration.Topology.Consume.GetMessageTopology<T>().ConfigureConsumeTopology)
        {
            _topics.Add(configuration.Topology.Message.GetMessageTopology<T>().EntityName);
        }
        return base.ConnectConsumePipe(pipe, options);
    }
}
