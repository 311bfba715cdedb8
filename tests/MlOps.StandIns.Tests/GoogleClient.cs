using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;

namespace MlOps.StandIns.Tests;

/// <summary>
/// An HTTPS client of the stand-in that trusts its certificate as its only root (custom root trust, no validation
/// skipped), sending a bearer token as Google's client libraries do.
/// </summary>
internal sealed class GoogleClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly X509Certificate2 _root;

    public GoogleClient(VertexAiStandIn standIn, string? token = Harness.Token)
        : this(standIn.Url, standIn.CertificatePath, token)
    {
    }

    public GoogleClient(CloudBuildStandIn standIn, string? token = Harness.Token)
        : this(standIn.Url, standIn.CertificatePath, token)
    {
    }

    private GoogleClient(Uri url, string certificatePath, string? token)
    {
        _root = X509Certificate2.CreateFromPem(File.ReadAllText(certificatePath));
        var handler = new SocketsHttpHandler { UseProxy = false };
        handler.SslOptions.CertificateChainPolicy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            RevocationMode = X509RevocationMode.NoCheck,
            CustomTrustStore = { _root },
        };
        _http = new HttpClient(handler) { BaseAddress = url, Timeout = Harness.Patience };
        if (token is not null)
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
    }

    public Task<GoogleAnswer> GetAsync(string path) => SendAsync(HttpMethod.Get, path, null);

    public Task<GoogleAnswer> PostAsync(string path, JsonNode? body) => SendAsync(HttpMethod.Post, path, body?.ToJsonString());

    public Task<GoogleAnswer> PatchAsync(string path, JsonNode body) => SendAsync(HttpMethod.Patch, path, body.ToJsonString());

    public async Task<GoogleAnswer> SendAsync(HttpMethod method, string path, string? body, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, path.TrimStart('/'));
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, contentType);
        }

        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new GoogleAnswer(response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text), response.Headers);
    }

    public void Dispose()
    {
        _http.Dispose();
        _root.Dispose();
    }
}
