using MassTransit;
using MassTransit.Middleware;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using MlOps.Platform.Configuration;

namespace MlOps.Platform.Messaging;

public static class MessagingExtensions
{
    private static readonly object RegistryKey = typeof(MessagingRegistry);

    /// <summary>The host's messaging registry, where modules declare their consumers.</summary>
    public static MessagingRegistry Messaging(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!builder.Properties.TryGetValue(RegistryKey, out var registry))
        {
            registry = new MessagingRegistry();
            builder.Properties[RegistryKey] = registry;
        }

        return (MessagingRegistry)registry;
    }

    /// <summary>
    /// Composes one MassTransit bus from every module's declarations, on the transport that
    /// <c>MlOps:Transport</c> names. Call it after the modules' <c>Add…()</c>.
    /// </summary>
    public static IHostApplicationBuilder AddMessageBus(this IHostApplicationBuilder builder, Action<IBusRegistrationConfigurator>? configure = null)
    {
        var registry = builder.Messaging();
        var options = builder.Settings<MessagingOptions>();
        builder.Services.AddMassTransit(x =>
        {
            // MassTransit reports how it is used to its makers' server unless told not to: a service here dials no
            // one it was not configured to (a Cloud Run service may have no egress at all, and the loop runs offline).
            x.DisableUsageTelemetry();
            ConfigureRegistration(x, registry);
            configure?.Invoke(x);

            switch (options.Transport)
            {
                case TransportKind.InMemory:
                    x.UsingInMemory((context, bus) => ConfigureBus(context, bus, registry));
                    break;
                case TransportKind.PubSub:
                    var project = options.PubSub.ResolveProjectId();
                    x.UsingGooglePubSub((context, bus) =>
                    {
                        bus.Host(project, string.IsNullOrWhiteSpace(options.PubSub.EmulatorHost) ? null : options.PubSub.EmulatorHost);
                        bus.Host(settings => settings.AckDeadline = TimeSpan.FromSeconds(options.PubSub.AckDeadlineSeconds));
                        ConfigureBus(context, bus, registry);
                    });
                    break;
                default:
                    throw new InvalidOperationException($"MlOps:Transport must be InMemory or PubSub, not '{options.Transport}'");
            }
        });
        return builder;
    }

    /// <summary>
    /// The modules' consumers plus what every endpoint gets: retries, an in-memory outbox so a
    /// consumer's messages go out only when it succeeds, and what happens when the retries are spent
    /// (<see cref="ConfigureFaults"/>).
    /// </summary>
    public static void ConfigureRegistration(IBusRegistrationConfigurator configurator, MessagingRegistry registry)
    {
        configurator.SetKebabCaseEndpointNameFormatter();
        configurator.TryAddSingleton<MessagingMetrics>();
        configurator.TryAddSingleton<PoisonedMessageFilter>();
        registry.Apply(configurator);
        configurator.AddConfigureEndpointsCallback((context, _, endpoint) =>
        {
            ConfigureFaults(context, endpoint);
            endpoint.UseInMemoryOutbox(context);
        });
    }

    /// <summary>
    /// Retries (<see cref="TransientFaults"/> for how long), then MassTransit's error pipe (publish <c>Fault&lt;T&gt;</c>, move the message to
    /// <c>{endpoint}_error</c> with the exception in its headers) followed by <see cref="PoisonedMessageFilter"/>, which
    /// counts, logs and announces it. Every receive endpoint the modules declare gets it, raw JSON ones too.
    /// </summary>
    internal static void ConfigureFaults(IServiceProvider services, IReceiveEndpointConfigurator endpoint)
    {
        // Anything is retried three times within seconds; a dependency that is away (the database failing
        // over, a connection refused) is waited out for minutes by the inner policy, which the outer one
        // then does not repeat.
        endpoint.UseMessageRetry(r =>
        {
            r.Ignore<Exception>(TransientFaults.IsTransient);
            r.Intervals(200, 1000, 3000);
        });
        endpoint.UseMessageRetry(r =>
        {
            r.Handle<Exception>(TransientFaults.IsTransient);
            r.Exponential(TransientFaults.RetryLimit, TransientFaults.MinInterval, TransientFaults.MaxInterval, TransientFaults.IntervalDelta);
        });
        endpoint.ConfigureError(error =>
        {
            error.UseFilter(new GenerateFaultFilter());
            error.UseFilter(new ErrorTransportFilter());
            error.UseFilter(services.GetRequiredService<PoisonedMessageFilter>());
        });
    }

    /// <summary>Applies the modules' bus settings and configures every endpoint; transports call it from their <c>Using…</c>.</summary>
    public static void ConfigureBus<TEndpoint>(IBusRegistrationContext context, IBusFactoryConfigurator<TEndpoint> bus, MessagingRegistry registry)
        where TEndpoint : IReceiveEndpointConfigurator
    {
        foreach (var configuration in registry.BusConfigurations)
        {
            configuration(context, bus);
        }

        bus.ConfigureEndpoints(context);
    }
}
