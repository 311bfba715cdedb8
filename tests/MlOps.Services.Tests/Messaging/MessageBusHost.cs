using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MlOps.Platform.Messaging;

namespace MlOps.Services.Tests.Messaging;

/// <summary>
/// Modules on the bus exactly as a service host or the embedded host composes it (<c>AddMessageBus()</c>, no test
/// harness), on the transport the settings name, over a temporary artifact folder.
/// </summary>
internal sealed class MessageBusHost : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly TempDirectory _artifacts;

    private MessageBusHost(IHost host, TempDirectory artifacts)
    {
        _host = host;
        _artifacts = artifacts;
    }

    public IServiceProvider Services => _host.Services;

    public IBus Bus => Services.GetRequiredService<IBus>();

    public string ArtifactRoot => _artifacts.Path;

    public static async Task<MessageBusHost> StartAsync(Action<IHostApplicationBuilder> modules, IDictionary<string, string?> settings, ILoggerProvider? logs = null)
    {
        var artifacts = new TempDirectory();
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["MlOps:Artifacts:Root"] = artifacts.Path });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders();
        if (logs is not null)
        {
            builder.Logging.AddProvider(logs);
        }

        modules(builder);
        builder.AddMessageBus();
        builder.Services.Configure<MassTransitHostOptions>(o => o.WaitUntilStarted = true);
        var host = builder.Build();
        await host.StartAsync();
        return new MessageBusHost(host, artifacts);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        _artifacts.Dispose();
    }
}
