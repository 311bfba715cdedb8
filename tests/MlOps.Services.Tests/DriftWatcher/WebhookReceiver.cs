using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace MlOps.Services.Tests.DriftWatcher;

/// <summary>
/// A webhook receiver on 127.0.0.1 as a team would write one: it checks each request's signature with the shared
/// secret, answers what the test says, and counts a delivery once however often it comes (by X-MlOps-Delivery).
/// </summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly byte[] _secret;
    private readonly ConcurrentQueue<Received> _requests = new();
    private readonly ConcurrentDictionary<string, Received> _accepted = new(StringComparer.Ordinal);
    private int _count;

    private WebhookReceiver(WebApplication app, string secret, string url)
    {
        _app = app;
        _secret = Encoding.UTF8.GetBytes(secret);
        Url = url;
    }

    public string Url { get; }

    /// <summary>The status code (and Retry-After) for the n-th request, counted from 1; 200 unless told otherwise.</summary>
    public Func<int, (int Status, TimeSpan? RetryAfter)> Answer { get; set; } = _ => (200, null);

    /// <summary>Every request, in arrival order.</summary>
    public IReadOnlyList<Received> Requests => [.. _requests];

    /// <summary>The first successful request of each delivery: what the receiver acted on.</summary>
    public IReadOnlyList<Received> Accepted => [.. _accepted.Values.OrderBy(r => r.Number)];

    /// <summary>An address where nothing listens: a receiver that is down for good.</summary>
    public static string Nowhere() => $"http://127.0.0.1:{LoopbackPort.Free()}/hooks/down";

    public static async Task<WebhookReceiver> StartAsync(string secret)
    {
        var url = $"http://127.0.0.1:{LoopbackPort.Free()}";
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(url);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app, secret, $"{url}/hooks/alerts");
        app.MapPost("/hooks/alerts", receiver.Receive);
        await app.StartAsync();
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task Receive(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer);
        var body = buffer.ToArray();
        var headers = context.Request.Headers;
        var timestamp = headers["X-MlOps-Timestamp"].ToString();
        var valid = Verify(timestamp, body, headers["X-MlOps-Signature"].ToString());
        var number = Interlocked.Increment(ref _count);
        var (status, retryAfter) = valid ? Answer(number) : (401, null);
        var request = new Received(
            number, headers["X-MlOps-Alert-Id"].ToString(), headers["X-MlOps-Delivery"].ToString(), valid,
            JsonDocument.Parse(body).RootElement.Clone(), DateTimeOffset.UtcNow, status);
        _requests.Enqueue(request);
        if (status is >= 200 and < 300)
        {
            _accepted.TryAdd(request.DeliveryId, request);
        }

        if (retryAfter is { } wait)
        {
            context.Response.Headers.RetryAfter = ((int)wait.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        }

        context.Response.StatusCode = status;
    }

    // Signed over "{timestamp}.{body}"; a stale timestamp would be a replay.
    private bool Verify(string timestamp, byte[] body, string signature)
    {
        const string prefix = "sha256=";
        if (!long.TryParse(timestamp, CultureInfo.InvariantCulture, out var seconds)
            || Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - seconds) > 300
            || !signature.StartsWith(prefix, StringComparison.Ordinal))
        {
            return false;
        }

        byte[] given;
        try
        {
            given = Convert.FromHexString(signature[prefix.Length..]);
        }
        catch (FormatException)
        {
            return false;
        }

        byte[] signed = [.. Encoding.UTF8.GetBytes(timestamp + "."), .. body];
        var expected = HMACSHA256.HashData(_secret, signed);
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }

    public sealed record Received(int Number, string AlertId, string DeliveryId, bool SignatureValid, JsonElement Alert, DateTimeOffset At, int Status)
    {
        public string Kind => Alert.GetProperty("kind").GetString()!;
    }
}
