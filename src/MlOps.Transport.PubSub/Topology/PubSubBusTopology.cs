using MassTransit.Configuration;
using MassTransit.Transports;

namespace MlOps.Transport.PubSub.Topology;

public sealed class PubSubBusTopology(IHostConfiguration host, ITopologyConfiguration topology) : BusTopology(host, topology);
