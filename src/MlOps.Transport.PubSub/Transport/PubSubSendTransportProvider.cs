using MassTransit;
using MassTransit.Transports;
using MlOps.Transport.PubSub.Configuration;
using MlOps.Transport.PubSub.Topology;

namespace MlOps.Transport.PubSub.Transport;

public sealed class PubSubSendTransportProvider(PubSubHostConfiguration host, ReceiveEndpointContext context) : ISendTransportProvider
{
    public Uri NormalizeAddress(Uri address) => Resolve(host, address).ToUri();

    public Task<ISendTransport> GetSendTransport(Uri address)
    {
        var target = Resolve(host, address);
        TransportLogMessages.CreateSendTransport(target);
        ISendTransport transport = new SendTransport<PipeContext>(new PubSubSendTransportContext(host, context, target));
        return Task.FromResult(transport);
    }

    public static PubSubEndpointAddress Resolve(PubSubHostConfiguration host, Uri address)
    {
        var target = PubSubEndpointAddress.Parse(host.HostAddress, address);
        return target.ProjectId == host.Settings.ProjectId
            ? target
            : throw new ArgumentException($"'{address}' is in project '{target.ProjectId}', but this bus is connected to project '{host.Settings.ProjectId}'.", nameof(address));
    }
}
