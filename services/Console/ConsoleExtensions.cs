using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Hosting.StaticWebAssets;
using Microsoft.FluentUI.AspNetCore.Components;
using MlOps.Platform.Configuration;
using MlOps.Platform.Identity;
using MlOps.WebConsole.Clients;
using MlOps.WebConsole.Components;
using MlOps.WebConsole.Identity;

namespace MlOps.WebConsole;

public static class ConsoleExtensions
{
    /// <summary>
    /// The console module: Blazor pages rendered on the server (interactive over one SignalR connection, so they
    /// update while the loop runs), reading the four services it finds as <c>services:&lt;name&gt;:http:0</c>.
    /// </summary>
    public static IHostApplicationBuilder AddConsole(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Settings<ConsoleOptions>();
        builder.AddSettings<IdTokenOptions>();
        foreach (var service in PlatformClient.Services)
        {
            builder.ReadSetting($"services:{service}:http:0");
        }

        builder.Services.AddServiceDiscovery();
        foreach (var service in PlatformClient.Services)
        {
            builder.Services.AddHttpClient(service, http =>
                {
                    http.BaseAddress = new Uri($"http://{service}");
                    http.Timeout = TimeSpan.FromSeconds(15);
                })
                .AddServiceDiscovery()
                .WithIdToken();
        }

        builder.Services.AddSingleton<PlatformClient>();
        builder.Services.TryAddSingletonTimeProvider();
        ConsoleUsers.Add(builder.Services, options);
        builder.Services.AddCascadingAuthenticationState();
        // Run from a build rather than a publish (mlops loop, the AppHost, rehearsal), the assets are where the
        // build's manifest says; published, they are under wwwroot and there is no manifest, so this does nothing.
        if (builder.Environment is IWebHostEnvironment web)
        {
            StaticWebAssetsLoader.UseStaticWebAssets(web, builder.Configuration);
        }

        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddFluentUIComponents();
        return builder;
    }

    /// <summary>The pages, their static assets and the circuit's hub, each only for users the console admits.</summary>
    public static WebApplication MapConsole(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        // After authentication and authorization, which the host adds first.
        app.UseAntiforgery();
        app.MapStaticAssets().RequireAuthorization(ConsoleUsers.Viewers);
        app.MapRazorComponents<App>()
            .AddInteractiveServerRenderMode()
            .RequireAuthorization(new AuthorizeAttribute(ConsoleUsers.Viewers));
        return app;
    }

    private static void TryAddSingletonTimeProvider(this IServiceCollection services)
    {
        if (services.All(s => s.ServiceType != typeof(TimeProvider)))
        {
            services.AddSingleton(TimeProvider.System);
        }
    }
}
