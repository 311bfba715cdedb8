using MassTransit;
using MassTransit.Transports;
using MlOps.Transport.PubSub.Configuration;
using MlOps.Transport.PubSub.Topology;

namespace MlOps.Transport.PubSub.Transport;

public sealed class PubSubPublishTransportProvider(PubSubHostConfiguration host, ReceiveEndpointContext context) : IPublishTransportProvider
{
    public Task<ISendTransport> GetPublishTransport<T>(Uri? publishAddress) where T : class
    {
        var target = publishAddress is null
            ? new PubSubEndpointAddress(host.Settings.ProjectId, host.Topology.Message<T>().EntityName, TopicOnly: true)
            : PubSubSendTransportProvider.Resolve(host, publishAddress);
        ISendTransport transport = new SendTransport<PipeContext>(new PubSubSendTransportContext(host, context, target with { TopicOnly = true }));
        return Task.FromResult(transport);
    }
}
