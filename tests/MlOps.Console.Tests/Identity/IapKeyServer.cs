using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;

namespace MlOps.WebConsole.Tests.Identity;

/// <summary>IAP's key endpoint played on loopback: the P-256 public keys as a JSON Web Key Set, shaped as Google serves them.</summary>
internal sealed class IapKeyServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _reads;

    private IapKeyServer(WebApplication app) => _app = app;

    public string KeysUrl { get; private set; } = "";

    /// <summary>How many times the key set was read.</summary>
    public int Reads => Volatile.Read(ref _reads);

    public static async Task<IapKeyServer> StartAsync(params ECDsaSecurityKey[] keys)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new IapKeyServer(app);
        var json = JsonSerializer.Serialize(new { keys = keys.Select(Jwk) });
        app.MapGet("/iap/verify/public_key-jwk", () =>
        {
            Interlocked.Increment(ref server._reads);
            return Results.Text(json, "application/json");
        });
        await app.StartAsync().WaitAsync(TimeSpan.FromSeconds(30));
        server.KeysUrl = $"{app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()}/iap/verify/public_key-jwk";
        return server;
    }

    internal static Dictionary<string, string> Jwk(ECDsaSecurityKey key)
    {
        var point = key.ECDsa.ExportParameters(includePrivateParameters: false).Q;
        return new()
        {
            ["alg"] = "ES256",
            ["crv"] = "P-256",
            ["kid"] = key.KeyId,
            ["kty"] = "EC",
            ["use"] = "sig",
            ["x"] = Base64UrlEncoder.Encode(point.X),
            ["y"] = Base64UrlEncoder.Encode(point.Y),
        };
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
