using MassTransit;

namespace MlOps.Platform.Messaging;

/// <summary>
/// What each module needs from the bus — its consumers and their endpoints, raw JSON endpoints and
/// raw JSON sends — collected so that <see cref="MessagingExtensions.AddMessageBus"/> can compose
/// one bus for however many modules the host runs.
/// </summary>
public sealed class MessagingRegistry
{
    private readonly List<Action<IBusRegistrationConfigurator>> _registrations = [];
    private readonly List<Action<IBusRegistrationContext, IBusFactoryConfigurator>> _busConfigurations = [];

    internal IReadOnlyList<Action<IBusRegistrationContext, IBusFactoryConfigurator>> BusConfigurations => _busConfigurations;

    internal bool Composed { get; set; }

    /// <summary>Adds a consumer on the named endpoint; consumers sharing a name share the endpoint.</summary>
    public MessagingRegistry AddConsumer<TConsumer>(string endpoint, Action<IEndpointRegistrationConfigurator>? configure = null)
        where TConsumer : class, IConsumer
    {
        Ensure();
        _registrations.Add(x => x.AddConsumer<TConsumer>().Endpoint(e =>
        {
            e.Name = endpoint;
            configure?.Invoke(e);
        }));
        return this;
    }

    /// <summary>
    /// Adds a consumer of plain JSON (no MassTransit envelope) on its own endpoint, the way a Cloud
    /// Logging sink delivers LogEntry JSON to a Pub/Sub subscription. Its retries and faults are every endpoint's.
    /// </summary>
    public MessagingRegistry AddRawJsonConsumer<TConsumer>(string endpoint, int? concurrentMessageLimit = null)
        where TConsumer : class, IConsumer
    {
        Ensure();
        _registrations.Add(x => x.AddConsumer<TConsumer>().ExcludeFromConfigureEndpoints());
        _busConfigurations.Add((context, bus) => bus.ReceiveEndpoint(endpoint, e =>
        {
            e.ConfigureConsumeTopology = false;
            e.UseRawJsonDeserializer(RawSerializerOptions.AnyMessageType, isDefault: true);
            MessagingExtensions.ConfigureFaults(context, e);
            if (concurrentMessageLimit is { } limit)
            {
                e.ConcurrentMessageLimit = limit;
            }

            e.ConfigureConsumer<TConsumer>(context);
        }));
        return this;
    }

    /// <summary>Sends messages of type <typeparamref name="T"/> as plain JSON, for consumers outside MassTransit's envelope.</summary>
    public MessagingRegistry SendAsRawJson<T>()
        where T : class
    {
        Ensure();
        _busConfigurations.Add((_, bus) =>
        {
            bus.AddRawJsonSerializer();
            bus.SerializerContentType = MassTransit.Serialization.SystemTextJsonMessageSerializer.JsonContentType;
            bus.Send<T>(s => s.UseSerializer(MassTransit.Serialization.SystemTextJsonRawMessageSerializer.JsonContentType));
        });
        return this;
    }

    public MessagingRegistry Configure(Action<IBusRegistrationConfigurator> registration)
    {
        Ensure();
        _registrations.Add(registration);
        return this;
    }

    /// <summary>Registers every module's consumers and observers (what <c>AddMessageBus</c> and test harnesses build on).</summary>
    public void Apply(IBusRegistrationConfigurator configurator)
    {
        Composed = true;
        foreach (var registration in _registrations)
        {
            registration(configurator);
        }
    }

    private void Ensure()
    {
        if (Composed)
        {
            throw new InvalidOperationException("the message bus is already composed: add modules before calling AddMessageBus()");
        }
    }
}
