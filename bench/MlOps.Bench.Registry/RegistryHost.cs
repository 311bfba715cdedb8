using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MlOps.Platform.Messaging;
using MlOps.Platform.Net;
using MlOps.Registry;
using MlOps.Registry.Infrastructure;

/// <summary>The Registry composed as its own host composes it (Registry.Host's Program.cs), on Kestrel at 127.0.0.1, with a SQL counter on its database.</summary>
internal sealed class RegistryHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RegistryHost(WebApplication app, string baseUrl, SqlCounter sql)
    {
        _app = app;
        Sql = sql;
        Http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(60) };
    }

    public HttpClient Http { get; }

    public SqlCounter Sql { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<RegistryHost> StartAsync(Store store, string artifactRoot)
    {
        var url = $"http://127.0.0.1:{LoopbackPort.Free()}";
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["urls"] = url,
            ["MlOps:Artifacts:Root"] = artifactRoot,
            ["Registry:Database:Provider"] = store.Provider,
            ["ConnectionStrings:Registry"] = store.ConnectionString,
        });
        builder.AddServiceDefaults();
        builder.Logging.ClearProviders();
        builder.AddRegistry();
        builder.AddMessageBus();
        var sql = new SqlCounter();
        builder.Services.ConfigureDbContext<RegistryDbContext>(o => o.AddInterceptors(sql));

        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapRegistry();
        await app.StartAsync();
        return new RegistryHost(app, url, sql);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
