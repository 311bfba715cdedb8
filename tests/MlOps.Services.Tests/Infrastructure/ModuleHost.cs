using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MlOps.Platform.Messaging;

namespace MlOps.Services.Tests.Infrastructure;

/// <summary>
/// Service modules in a generic host, on MassTransit's test harness with exactly the consumers and
/// endpoints the modules declare, over a temporary artifact folder.
/// </summary>
internal sealed class ModuleHost : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly TempDirectory? _ownedDirectory;

    private ModuleHost(IHost host, string artifactRoot, TempDirectory? ownedDirectory)
    {
        _host = host;
        ArtifactRoot = artifactRoot;
        _ownedDirectory = ownedDirectory;
    }

    public string ArtifactRoot { get; }

    public IServiceProvider Services => _host.Services;

    public ITestHarness Harness => Services.GetRequiredService<ITestHarness>();

    public IBus Bus => Services.GetRequiredService<IBus>();

    public static async Task<ModuleHost> StartAsync(Action<IHostApplicationBuilder> modules, IDictionary<string, string?>? settings = null, string? artifactRoot = null)
    {
        var owned = artifactRoot is null ? new TempDirectory() : null;
        artifactRoot ??= owned!.Path;
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["MlOps:Artifacts:Root"] = artifactRoot });
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.Logging.ClearProviders();
        modules(builder);
        var registry = builder.Messaging();
        builder.Services.AddMassTransitTestHarness(x =>
        {
            MessagingExtensions.ConfigureRegistration(x, registry);
            x.UsingInMemory((context, bus) => MessagingExtensions.ConfigureBus(context, bus, registry));
        });
        builder.Services.Configure<MassTransitHostOptions>(o => o.WaitUntilStarted = true);
        var host = builder.Build();
        await host.StartAsync();
        return new ModuleHost(host, artifactRoot, owned);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        _ownedDirectory?.Dispose();
    }
}
