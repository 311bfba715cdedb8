using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MlOps.WebConsole.Tests.Identity;

/// <summary>Signs <c>x-goog-iap-jwt-assertion</c> values as IAP does: ES256 with a P-256 key, issuer, audience, email, iat and exp.</summary>
internal sealed class IapSigner
{
    public const string Issuer = "https://cloud.google.com/iap";
    private static readonly JsonWebTokenHandler Tokens = new();

    public IapSigner(string keyId = "iap-key-1") =>
        Key = new ECDsaSecurityKey(ECDsa.Create(ECCurve.NamedCurves.nistP256)) { KeyId = keyId };

    public ECDsaSecurityKey Key { get; }

    public string Assertion(string email, string audience, string issuer = Issuer, DateTime? expires = null) =>
        Sign(email, audience, issuer, expires, new SigningCredentials(Key, SecurityAlgorithms.EcdsaSha256));

    /// <summary>An assertion right in every claim, signed with other credentials (another key, another algorithm).</summary>
    public static string Sign(string email, string audience, string issuer, DateTime? expires, SigningCredentials credentials)
    {
        var expiry = expires ?? DateTime.UtcNow.AddMinutes(10);
        var issued = expiry.AddMinutes(-10);
        return Tokens.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = issued,
            NotBefore = issued,
            Expires = expiry,
            Claims = new Dictionary<string, object>
            {
                ["email"] = email,
                ["sub"] = $"accounts.google.com:{(uint)email.GetHashCode(StringComparison.Ordinal)}",
                ["hd"] = "example.com",
            },
            SigningCredentials = credentials,
        });
    }
}
