using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using MlOps.Contracts.Api;

namespace MlOps.DriftWatcher.Alerting;

/// <summary>
/// POSTs the alert's JSON, signed (<see cref="WebhookHeaders"/>). 2xx is delivered; 408, 429, 5xx, a timeout or a
/// network error is worth another attempt (with the receiver's Retry-After); anything else is refused for good.
/// </summary>
internal sealed class WebhookChannel(string name, Uri url, byte[] secret, IReadOnlySet<string>? kinds, HttpClient http, TimeProvider time) : IAlertChannel
{
    public const string Prefix = "webhook-";
    private const int ExcerptLength = 200;

    public string Name { get; } = Prefix + name;

    public bool Accepts(string kind) => kinds is null || kinds.Contains(kind);

    /// <summary>The same for every attempt of one alert on one channel, so a receiver can drop repeats.</summary>
    public static string DeliveryId(string alertId, string channel) => $"{alertId}-{channel}";

    public async Task<DeliveryOutcome> DeliverAsync(Alert alert, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(alert, ApiJson.Options);
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add(WebhookHeaders.AlertId, alert.Id);
        request.Headers.Add(WebhookHeaders.Delivery, DeliveryId(alert.Id, Name));
        request.Headers.Add(WebhookHeaders.Timestamp, timestamp);
        request.Headers.Add(WebhookHeaders.Signature, WebhookSignature.Compute(secret, timestamp, body));
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            return await Judge(response, cancellationToken);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return DeliveryOutcome.Retry($"no answer within {http.Timeout.TotalSeconds:F0} s");
        }
        catch (HttpRequestException e)
        {
            return DeliveryOutcome.Retry(e.Message);
        }
    }

    private async Task<DeliveryOutcome> Judge(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        if (response.IsSuccessStatusCode)
        {
            return DeliveryOutcome.Delivered;
        }

        var error = $"HTTP {status} {response.ReasonPhrase}{await Excerpt(response, cancellationToken)}".TrimEnd();
        return response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || status >= 500
            ? DeliveryOutcome.Retry(error, status, RetryAfter(response))
            : DeliveryOutcome.Refused(status is >= 300 and < 400 ? $"{error}: a redirect is not followed, configure the final URL" : error, status);
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - time.GetUtcNow() is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };

    private static async Task<string> Excerpt(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var text = (await response.Content.ReadAsStringAsync(cancellationToken)).Trim();
            return text.Length == 0 ? "" : ": " + (text.Length > ExcerptLength ? text[..ExcerptLength] + "…" : text);
        }
        catch (HttpRequestException)
        {
            return "";
        }
    }
}
