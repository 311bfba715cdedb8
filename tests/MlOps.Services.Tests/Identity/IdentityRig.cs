using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using MlOps.Rehearsal.Running;
using MlOps.Services.Tests.Infrastructure;

namespace MlOps.Services.Tests.Identity;

/// <summary>One service module behind Kestrel with its audience set to its own URL, and a local issuer whose tokens it trusts.</summary>
internal sealed class IdentityRig : IAsyncDisposable
{
    public const string Operator = "operator@acme.example.com";
    public const string Stranger = "stranger@elsewhere.example.com";

    private IdentityRig(LocalIdentityIssuer issuer, WebModuleHost host, string audience)
    {
        Issuer = issuer;
        Host = host;
        Audience = audience;
    }

    public LocalIdentityIssuer Issuer { get; }

    public WebModuleHost Host { get; }

    public string Audience { get; }

    /// <summary>A token for this service that signs as someone else's key would: the signature is broken.</summary>
    public string Forged => Issuer.Sign(Operator, Audience)[..^4] + "AAAA";

    public string TokenOf(string account) => Issuer.Sign(account, Audience);

    public static async Task<IdentityRig> StartAsync(ServiceRoutes service, IDictionary<string, string?>? settings = null)
    {
        var issuer = await LocalIdentityIssuer.StartAsync(LoopbackPort.Free(), new Dictionary<string, string>(), CancellationToken.None);
        var port = LoopbackPort.Free();
        var audience = $"http://127.0.0.1:{port}";
        var configuration = new Dictionary<string, string?>(service.Settings)
        {
            ["MlOps:Identity:Audience"] = audience,
            ["MlOps:Identity:Issuer"] = issuer.Url,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        var host = await WebModuleHost.StartAsync(service.Add, service.Map, configuration, port: port);
        return new IdentityRig(issuer, host, audience);
    }

    public Task<HttpStatusCode> SendAsync(Route route, string? token) => SendAsync(Host.Http, route, token);

    public static async Task<HttpStatusCode> SendAsync(HttpClient http, Route route, string? token)
    {
        using var request = new HttpRequestMessage(route.Method, route.Path);
        if (route.Body is { } body)
        {
            request.Content = Requests.Json(body);
        }

        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    /// <summary>Makes every request look as if it came from <paramref name="address"/>, as a caller on the network would.</summary>
    public static void CallersFrom(WebApplicationBuilder builder, IPAddress address) =>
        builder.Services.AddSingleton<IStartupFilter>(new RemoteAddress(address));

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Issuer.DisposeAsync();
    }

    private sealed class RemoteAddress(IPAddress address) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = address;
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
