namespace MassTransit;

public interface IPubSubBusFactoryConfigurator : IBusFactoryConfigurator<IPubSubReceiveEndpointConfigurator>
{
    /// <summary>Changes the host settings (project, emulator, ack deadline, lease limit).</summary>
    public void Host(Action<PubSubHostSettings> configure);
}
