using MassTransit;
using MassTransit.Configuration;
using MassTransit.Topology;
using MlOps.Transport.PubSub.Topology;

namespace MlOps.Transport.PubSub.Configuration;

public sealed class PubSubTopologyConfiguration : ITopologyConfiguration
{
    public PubSubTopologyConfiguration(IMessageTopologyConfigurator messageTopology)
    {
        var send = new SendTopology();
        send.ConnectSendTopologyConfigurationObserver(new DelegateSendTopologyConfigurationObserver(GlobalTopology.Send));
        var publish = new PubSubPublishTopology(messageTopology);
        publish.ConnectPublishTopologyConfigurationObserver(new DelegatePublishTopologyConfigurationObserver(GlobalTopology.Publish));
        publish.ConnectPublishTopologyConfigurationObserver(new PublishToSendTopologyConfigurationObserver(send));
        Message = messageTopology;
        Send = send;
        Publish = publish;
        Consume = new PubSubConsumeTopology();
    }

    /// <summary>An endpoint's view: shared message, send and publish topology, its own consume topology.</summary>
    public PubSubTopologyConfiguration(ITopologyConfiguration parent)
    {
        Message = parent.Message;
        Send = parent.Send;
        Publish = parent.Publish;
        Consume = new PubSubConsumeTopology();
    }

    public IMessageTopologyConfigurator Message { get; }

    public ISendTopologyConfigurator Send { get; }

    public IPublishTopologyConfigurator Publish { get; }

    public IConsumeTopologyConfigurator Consume { get; }

    public IEnumerable<ValidationResult> Validate() => Send.Validate().Concat(Publish.Validate()).Concat(Consume.Validate());

    public static IMessageTopologyConfigurator CreateMessageTopology() => new MessageTopology(PubSubEntityNameFormatter.Instance);
}
