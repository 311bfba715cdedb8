using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MlOps.Rehearsal.Running;

/// <summary>
/// What stands in for the metadata server's identity endpoint and Google's signing keys: an OpenID
/// issuer on loopback that signs ID tokens (RS256) for the audience asked, as the service account of
/// the service asking (<c>{url}/{service}/computeMetadata/v1/instance/service-accounts/default/identity</c>,
/// with the <c>Metadata-Flavor: Google</c> header), and publishes its keys for callees to verify them.
/// It also hands out OAuth access tokens as the metadata server's <c>…/default/token</c> does, which
/// the Google API stand-ins map back to the account they were issued to, and signs what Identity-Aware Proxy
/// signs for a person it let through (ES256, its keys at <see cref="IapKeysUrl"/>).
/// </summary>
public sealed class LocalIdentityIssuer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly RSA _key = RSA.Create(2048);
    private readonly string _keyId = Guid.NewGuid().ToString("N")[..12];
    private readonly ECDsa _iapKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly string _iapKeyId = Guid.NewGuid().ToString("N")[..12];
    private readonly IReadOnlyDictionary<string, string> _accounts;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _accessTokens = new(StringComparer.Ordinal);
    private long _issued;

    private LocalIdentityIssuer(int port, IReadOnlyDictionary<string, string> accounts)
    {
        Url = $"http://127.0.0.1:{port}";
        _accounts = accounts;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(Url);
        _app = builder.Build();
        _app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = Url,
            ["jwks_uri"] = $"{Url}/certs",
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            ["response_types_supported"] = new[] { "id_token" },
            ["subject_types_supported"] = new[] { "public" },
        }));
        _app.MapGet("/certs", () =>
        {
            var parameters = _key.ExportParameters(includePrivateParameters: false);
            return Results.Json(new { keys = new[] { new { kty = "RSA", alg = "RS256", use = "sig", kid = _keyId, n = Base64UrlEncoder.Encode(parameters.Modulus), e = Base64UrlEncoder.Encode(parameters.Exponent) } } });
        });
        _app.MapGet("/iap/jwk", () =>
        {
            var point = _iapKey.ExportParameters(includePrivateParameters: false).Q;
            return Results.Json(new { keys = new[] { new { kty = "EC", alg = "ES256", use = "sig", crv = "P-256", kid = _iapKeyId, x = Base64UrlEncoder.Encode(point.X), y = Base64UrlEncoder.Encode(point.Y) } } });
        });
        _app.MapGet("/{service}/computeMetadata/v1/instance/service-accounts/default/identity", (string service, string? audience, HttpRequest request) =>
        {
            if (request.Headers["Metadata-Flavor"] != "Google")
            {
                return Results.Text("Missing Metadata-Flavor:Google header.", statusCode: StatusCodes.Status403Forbidden);
            }

            if (string.IsNullOrEmpty(audience) || !_accounts.TryGetValue(service, out var account))
            {
                return Results.Text("non-empty audience parameter required", statusCode: StatusCodes.Status400BadRequest);
            }

            Interlocked.Increment(ref _issued);
            return Results.Text(Sign(account, audience));
        });
        _app.MapGet("/{service}/computeMetadata/v1/instance/service-accounts/default/token", (string service, HttpRequest request) =>
        {
            if (request.Headers["Metadata-Flavor"] != "Google")
            {
                return Results.Text("Missing Metadata-Flavor:Google header.", statusCode: StatusCodes.Status403Forbidden);
            }

            if (!_accounts.TryGetValue(service, out var account))
            {
                return Results.NotFound();
            }

            return Results.Json(new Dictionary<string, object> { ["access_token"] = AccessToken(account), ["expires_in"] = 3599, ["token_type"] = "Bearer" });
        });
    }

    /// <summary>The metadata server's access-token endpoint as a service sees it.</summary>
    public string TokenUrlFor(string service) => $"{Url}/{service}/computeMetadata/v1/instance/service-accounts/default/token";

    /// <summary>A new opaque access token for <paramref name="account"/> (an email).</summary>
    public string AccessToken(string account)
    {
        var token = "ya29.local-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
        _accessTokens[token] = account;
        return token;
    }

    /// <summary>The IAM principal an access token was issued to (<c>serviceAccount:…</c> or <c>user:…</c>), or null for a token it never issued.</summary>
    public string? PrincipalOf(string token) =>
        _accessTokens.TryGetValue(token, out var account) ? (account.EndsWith(".gserviceaccount.com", StringComparison.Ordinal) ? "serviceAccount:" : "user:") + account : null;

    public string Url { get; }

    /// <summary>Tokens signed so far.</summary>
    public long Issued => Interlocked.Read(ref _issued);

    /// <summary>Starts the issuer; <paramref name="accounts"/> maps each service to its service account email.</summary>
    public static async Task<LocalIdentityIssuer> StartAsync(int port, IReadOnlyDictionary<string, string> accounts, CancellationToken cancellationToken)
    {
        var issuer = new LocalIdentityIssuer(port, accounts);
        await issuer._app.StartAsync(cancellationToken);
        return issuer;
    }

    /// <summary>The metadata server as a service sees it.</summary>
    public string MetadataUrlFor(string service) => $"{Url}/{service}";

    /// <summary>A token as the metadata server's <c>format=full</c> gives one: issuer, audience, the account as subject and email, an hour's validity.</summary>
    public string Sign(string account, string audience)
    {
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Url,
            Audience = audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddHours(1),
            Subject = new ClaimsIdentity([new Claim("sub", account), new Claim("email", account), new Claim("email_verified", "true", ClaimValueTypes.Boolean), new Claim("azp", account)]),
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(_key) { KeyId = _keyId }, SecurityAlgorithms.RsaSha256),
        });
    }

    /// <summary>Where IAP's signing keys are published here (a JSON Web Key Set, as <c>https://www.gstatic.com/iap/verify/public_key-jwk</c>).</summary>
    public string IapKeysUrl => $"{Url}/iap/jwk";

    /// <summary>The issuer IAP's assertions name here (<c>https://cloud.google.com/iap</c> on Google Cloud).</summary>
    public string IapIssuer => $"{Url}/iap";

    /// <summary>The stable user ID IAP gives <paramref name="email"/> here (a Google account's numeric ID there).</summary>
    public static string UserIdOf(string email) =>
        Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(email)))[..20].ToLowerInvariant();

    /// <summary>IAP's assertion for a person it let through to the service whose audience is <paramref name="audience"/>: ten minutes, as IAP's are.</summary>
    public string SignIap(string email, string audience)
    {
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = IapIssuer,
            Audience = audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(10),
            Subject = new ClaimsIdentity([new Claim("sub", $"accounts.google.com:{UserIdOf(email)}"), new Claim("email", email)]),
            SigningCredentials = new SigningCredentials(new ECDsaSecurityKey(_iapKey) { KeyId = _iapKeyId }, SecurityAlgorithms.EcdsaSha256),
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _key.Dispose();
        _iapKey.Dispose();
    }
}
