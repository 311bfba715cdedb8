using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace MlOps.Platform.Identity;

/// <summary>
/// Puts an ID token for the callee's URL (its audience, as Cloud Run expects) on each call, from the
/// metadata server; tokens are reused until five minutes before they expire.
/// </summary>
public sealed class IdTokenHandler(IHttpClientFactory clients, IOptions<IdTokenOptions> options, TimeProvider time) : DelegatingHandler
{
    public const string MetadataClient = "mlops-metadata";
    private static readonly TimeSpan Margin = TimeSpan.FromMinutes(5);
    private static readonly ConcurrentDictionary<string, (string Token, DateTimeOffset Expires)> Tokens = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (options.Value.Tokens == IdTokenSource.Metadata && request.RequestUri is { } uri)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync($"{uri.Scheme}://{uri.Authority}", cancellationToken));
        }

        return await base.SendAsync(request, cancellationToken);
    }

    private async Task<string> TokenAsync(string audience, CancellationToken cancellationToken)
    {
        var key = $"{options.Value.MetadataUrl}|{audience}";
        if (Tokens.TryGetValue(key, out var cached) && cached.Expires - Margin > time.GetUtcNow())
        {
            return cached.Token;
        }

        using var ask = new HttpRequestMessage(HttpMethod.Get, $"{options.Value.MetadataUrl.TrimEnd('/')}/computeMetadata/v1/instance/service-accounts/default/identity?audience={Uri.EscapeDataString(audience)}&format=full");
        ask.Headers.Add("Metadata-Flavor", "Google");
        using var response = await clients.CreateClient(MetadataClient).SendAsync(ask, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"the metadata server refused an ID token for {audience}: HTTP {(int)response.StatusCode}");
        }

        var token = (await response.Content.ReadAsStringAsync(cancellationToken)).Trim();
        Tokens[key] = (token, Expiry(token));
        return token;
    }

    // The token's own exp claim; it is not verified here (the callee does that).
    private DateTimeOffset Expiry(string token)
    {
        var parts = token.Split('.');
        if (parts.Length == 3)
        {
            var payload = parts[1].Replace('-', '+').Replace('_', '/');
            payload = payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=');
            using var claims = JsonDocument.Parse(Convert.FromBase64String(payload));
            if (claims.RootElement.TryGetProperty("exp", out var exp) && exp.TryGetInt64(out var seconds))
            {
                return DateTimeOffset.FromUnixTimeSeconds(seconds);
            }
        }

        return time.GetUtcNow();
    }
}
