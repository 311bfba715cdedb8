using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Forwarder;

namespace MlOps.Rehearsal.Front;

/// <summary>
/// What Identity-Aware Proxy does to a request it lets through, done by a front: whatever the client sent under IAP's
/// header names is dropped, and the signed-in person's assertion (<c>x-goog-iap-jwt-assertion</c>) and identity
/// headers are added, as IAP does for every request that passed its sign-in.
/// </summary>
public sealed class IapHeaders(string email, string userId, Func<string> assertion) : HttpTransformer
{
    public const string Assertion = "x-goog-iap-jwt-assertion";
    public const string Email = "x-goog-authenticated-user-email";
    public const string Id = "x-goog-authenticated-user-id";

    public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
    {
        await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken);
        foreach (var header in new[] { Assertion, Email, Id })
        {
            proxyRequest.Headers.Remove(header);
        }

        proxyRequest.Headers.TryAddWithoutValidation(Assertion, assertion());
        proxyRequest.Headers.TryAddWithoutValidation(Email, $"accounts.google.com:{email}");
        proxyRequest.Headers.TryAddWithoutValidation(Id, $"accounts.google.com:{userId}");
    }
}
