using System.Net.Http.Headers;

namespace MlOps.Cli.Loop;

/// <summary>
/// Puts the ID token the caller holds for a service on each call to it: a service with <c>MlOps:Identity:Audience</c>
/// lets only such callers change its state (docs/security.md).
/// </summary>
internal sealed class CallerTokenHandler(Func<Uri, string?> tokenFor) : DelegatingHandler(new HttpClientHandler())
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri is { } uri && tokenFor(uri) is { Length: > 0 } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return base.SendAsync(request, cancellationToken);
    }
}
