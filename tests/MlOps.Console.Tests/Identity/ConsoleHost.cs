using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MlOps.WebConsole.Clients;
using MlOps.WebConsole.Identity;
using MlOps.WebConsole.Tests.Components;

namespace MlOps.WebConsole.Tests.Identity;

/// <summary>The console module as its host composes it (<c>AddConsole</c>, <c>MapConsole</c>), on Kestrel at 127.0.0.1, reading a fake platform.</summary>
internal sealed class ConsoleHost : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly WebApplication _app;

    private ConsoleHost(WebApplication app, string url)
    {
        _app = app;
        Http = new HttpClient { BaseAddress = new Uri(url) };
    }

    public HttpClient Http { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<ConsoleHost> StartAsync(IDictionary<string, string?> settings, Action<WebApplicationBuilder>? configure = null)
    {
        // Named as the test assembly, so MapStaticAssets finds the build's manifest beside it.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(ConsoleHost).Assembly.GetName().Name,
            EnvironmentName = Environments.Production,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddConsole();
        var platform = new FakePlatform();
        platform.Versions[Samples.Model] = [Samples.Version(1)];
        builder.Services.AddSingleton<PlatformClient>(platform);
        configure?.Invoke(builder);
        var app = builder.Build();
        app.MapConsole();
        await app.StartAsync().WaitAsync(Patience);
        var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ConsoleHost(app, url);
    }

    /// <summary>Sends <paramref name="method"/> <paramref name="path"/> as IAP forwards a request: with the assertion it signed, if any.</summary>
    public async Task<(int Status, string Body)> SendAsync(string path, string? assertion, HttpMethod? method = null)
    {
        using var request = new HttpRequestMessage(method ?? HttpMethod.Get, path);
        if (assertion is not null)
        {
            request.Headers.Add(IapAuthenticationHandler.Header, assertion);
        }

        using var timeout = new CancellationTokenSource(Patience);
        try
        {
            using var response = await Http.SendAsync(request, timeout.Token);
            return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(timeout.Token));
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            throw new TimeoutException($"Timed out after {Patience.TotalSeconds:0} s waiting for the console to answer {request.Method} {path}.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync().WaitAsync(Patience);
        await _app.DisposeAsync();
    }
}
