using System.Security.Cryptography;
using System.Text;

namespace MlOps.DriftWatcher.Alerting;

internal static class WebhookSignature
{
    /// <summary><c>sha256=</c> and the hex HMAC-SHA256 of <c>{timestamp}.{body}</c>.</summary>
    public static string Compute(byte[] secret, string timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(timestamp + ".");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        return WebhookHeaders.SignaturePrefix + Convert.ToHexStringLower(HMACSHA256.HashData(secret, signed));
    }
}
