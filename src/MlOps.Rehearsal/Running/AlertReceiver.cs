using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MlOps.Rehearsal.Running;

/// <summary>
/// What stands in for the receivers of the environment's alert webhooks: one loopback path per webhook, which checks
/// each delivery as docs/alerting.md tells a receiver to — <c>X-MlOps-Signature</c> is <c>sha256=</c> and the hex
/// HMAC-SHA256, keyed with the webhook's secret, of <c>{X-MlOps-Timestamp}.{body}</c> — and counts deliveries by their
/// <c>X-MlOps-Delivery</c>, so a repeat shows. It answers 204 to a signed delivery and 401 to any other.
/// </summary>
public sealed class AlertReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, byte[]> _secrets = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _deliveries = new(StringComparer.Ordinal);
    private long _badSignatures;

    private AlertReceiver()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        _app = builder.Build();
        _app.MapPost("/webhooks/{name}", ReceiveAsync);
    }

    public string Url { get; private set; } = "";

    /// <summary>Signed deliveries by delivery ID, with how many times each arrived.</summary>
    public IReadOnlyDictionary<string, int> Deliveries => _deliveries;

    /// <summary>Deliveries refused: no signature, a wrong one, or a webhook nobody registered.</summary>
    public long BadSignatures => Interlocked.Read(ref _badSignatures);

    public static async Task<AlertReceiver> StartAsync(CancellationToken cancellationToken)
    {
        var receiver = new AlertReceiver();
        await receiver._app.StartAsync(cancellationToken);
        var address = receiver._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        receiver.Url = $"http://127.0.0.1:{new Uri(address).Port}";
        return receiver;
    }

    /// <summary>The URL the webhook <paramref name="name"/> delivers to, verified with <paramref name="secret"/>.</summary>
    public string Register(string name, string secret)
    {
        _secrets[name] = Encoding.UTF8.GetBytes(secret);
        return $"{Url}/webhooks/{name}";
    }

    private async Task<IResult> ReceiveAsync(string name, HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        var body = buffer.ToArray();
        var timestamp = request.Headers["X-MlOps-Timestamp"].ToString();
        var signature = request.Headers["X-MlOps-Signature"].ToString();
        var delivery = request.Headers["X-MlOps-Delivery"].ToString();
        if (!_secrets.TryGetValue(name, out var secret) || delivery.Length == 0 || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out _)
            || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Expected(secret, timestamp, body)), Encoding.ASCII.GetBytes(signature)))
        {
            Interlocked.Increment(ref _badSignatures);
            return Results.Unauthorized();
        }

        _deliveries.AddOrUpdate(delivery, 1, (_, count) => count + 1);
        return Results.NoContent();
    }

    private static string Expected(byte[] secret, string timestamp, byte[] body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(secret, (byte[])[.. Encoding.UTF8.GetBytes(timestamp + "."), .. body]));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
