using MlOps.Transport.PubSub.Configuration;

namespace MassTransit;

public static class PubSubBusFactoryConfiguratorExtensions
{
    /// <summary>
    /// Uses Google Cloud Pub/Sub as the transport: a topic per published message type (kebab-case),
    /// and for each receive endpoint a topic plus subscription named after it, with a subscription
    /// on the topic of every message type it consumes. Delivery is at least once.
    /// </summary>
    public static void UsingGooglePubSub(this IBusRegistrationConfigurator configurator,
        Action<IBusRegistrationContext, IPubSubBusFactoryConfigurator>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(configurator);
        configurator.SetBusFactory(new PubSubRegistrationBusFactory(configure));
    }

    /// <summary>Connects to <paramref name="projectId"/>, through the emulator at <paramref name="emulatorHost"/>
    /// (<c>host:port</c>) when given, else <c>PUBSUB_EMULATOR_HOST</c>, else Google Cloud.</summary>
    public static void Host(this IPubSubBusFactoryConfigurator configurator, string projectId, string? emulatorHost = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(projectId);
        configurator.Host(settings =>
        {
            settings.ProjectId = projectId;
            settings.EmulatorHost = emulatorHost;
        });
    }
}
