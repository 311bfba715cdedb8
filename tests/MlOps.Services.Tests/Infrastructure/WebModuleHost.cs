using System.Net;
using System.Net.Sockets;
using MassTransit;
using MassTransit.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MlOps.Platform.Messaging;

namespace MlOps.Services.Tests.Infrastructure;

/// <summary>Service modules behind real Kestrel on 127.0.0.1, on the MassTransit test harness.</summary>
internal sealed class WebModuleHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TempDirectory? _owned;

    private WebModuleHost(WebApplication app, string baseUrl, string artifactRoot, TempDirectory? owned)
    {
        _app = app;
        BaseUrl = baseUrl;
        ArtifactRoot = artifactRoot;
        _owned = owned;
        Http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };
    }

    public string BaseUrl { get; }

    public string ArtifactRoot { get; }

    public HttpClient Http { get; }

    public IServiceProvider Services => _app.Services;

    public ITestHarness Harness => Services.GetRequiredService<ITestHarness>();

    public IBus Bus => Services.GetRequiredService<IBus>();

    public static async Task<WebModuleHost> StartAsync(
        Action<WebApplicationBuilder> modules,
        Action<WebApplication> endpoints,
        IDictionary<string, string?>? settings = null,
        string? artifactRoot = null,
        bool useUrls = true,
        int? port = null)
    {
        var owned = artifactRoot is null ? new TempDirectory() : null;
        artifactRoot ??= owned!.Path;
        port ??= LoopbackPort.Free();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production, ContentRootPath = AppContext.BaseDirectory });
        var configuration = new Dictionary<string, string?>
        {
            ["MlOps:Artifacts:Root"] = artifactRoot,
            ["Predictor:LogToStdout"] = "false",
            [MlOps.Predictor.PredictorExtensions.DeployerUrlKey] = Splits.NoDeployer,
        };
        if (useUrls)
        {
            configuration["urls"] = $"http://127.0.0.1:{port}";
        }

        builder.Configuration.AddInMemoryCollection(configuration);
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.AddServiceDefaults();
        builder.Logging.ClearProviders();
        modules(builder);
        var registry = builder.Messaging();
        builder.Services.AddMassTransitTestHarness(x =>
        {
            MessagingExtensions.ConfigureRegistration(x, registry);
            x.UsingInMemory((context, bus) => MessagingExtensions.ConfigureBus(context, bus, registry));
        });
        var app = builder.Build();
        app.MapDefaultEndpoints();
        endpoints(app);
        await app.StartAsync();
        var url = useUrls ? $"http://127.0.0.1:{port}" : app.Urls.First().Replace("0.0.0.0", "127.0.0.1");
        return new WebModuleHost(app, url, artifactRoot, owned);
    }


    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _owned?.Dispose();
    }
}
