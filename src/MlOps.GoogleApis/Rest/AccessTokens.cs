using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Google.Apis.Auth.OAuth2;
using Microsoft.Extensions.Options;

namespace MlOps.GoogleApis.Rest;

/// <summary>
/// OAuth access tokens for Google APIs: Application Default Credentials (on Cloud Run and Vertex AI,
/// the service's account through the metadata server), or the metadata server's token endpoint at
/// <c>MlOps:Google:TokenUrl</c> (a local stand-in), asked as the metadata server is asked and cached
/// until a minute before it expires. Loaded on first use.
/// </summary>
public sealed class AccessTokens(IOptions<GoogleApiOptions> options, TimeProvider time) : IDisposable
{
    public const string Scope = "https://www.googleapis.com/auth/cloud-platform";

    private readonly Lazy<Task<ITokenAccess>> _credential = new(LoadAsync);
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private readonly HttpClient _metadata = new() { Timeout = TimeSpan.FromSeconds(10) };
    private (string Token, DateTimeOffset Expires)? _cached;

    public async Task<string> GetAsync(CancellationToken cancellationToken)
    {
        if (options.Value.TokenUrl is not { Length: > 0 } url)
        {
            var credential = await _credential.Value.ConfigureAwait(false);
            return await credential.GetAccessTokenForRequestAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        if (_cached is { } cached && cached.Expires > time.GetUtcNow())
        {
            return cached.Token;
        }

        await _refresh.WaitAsync(cancellationToken);
        try
        {
            if (_cached is { } again && again.Expires > time.GetUtcNow())
            {
                return again.Token;
            }

            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Add("Metadata-Flavor", "Google");
            using var response = await _metadata.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new HttpRequestException($"the metadata server at {url} gave no access token: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
            }

            var token = await response.Content.ReadFromJsonAsync<MetadataToken>(cancellationToken)
                ?? throw new HttpRequestException($"the metadata server at {url} answered with no token");
            _cached = (token.AccessToken, time.GetUtcNow().AddSeconds(Math.Max(0, token.ExpiresIn - 60)));
            return token.AccessToken;
        }
        finally
        {
            _refresh.Release();
        }
    }

    public void Dispose()
    {
        _metadata.Dispose();
        _refresh.Dispose();
    }

    private static async Task<ITokenAccess> LoadAsync()
    {
        var credential = await GoogleCredential.GetApplicationDefaultAsync().ConfigureAwait(false);
        return credential.CreateScoped(Scope);
    }

    private sealed record MetadataToken([property: JsonPropertyName("access_token")] string AccessToken, [property: JsonPropertyName("expires_in")] int ExpiresIn);
}
