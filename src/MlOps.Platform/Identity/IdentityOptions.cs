using MlOps.Platform.Configuration;

namespace MlOps.Platform.Identity;

/// <summary>
/// The callee's side of service-to-service identity, the Cloud Run way (<c>MlOps:Identity</c>): a
/// service with an <see cref="Audience"/> accepts on its service-to-service endpoints only ID tokens
/// issued for it (Cloud Run IAM checks them first on a private service; this is defence in depth,
/// and what holds off Cloud Run).
/// </summary>
public sealed class IdentityOptions : ISettings
{
    public static string Section => "MlOps:Identity";

    /// <summary>This service's own URL: when set, the service-to-service endpoints accept only ID tokens issued for it.</summary>
    public string? Audience { get; set; }

    /// <summary>Who signs the tokens: Google, whose signing keys are found from its OpenID configuration.</summary>
    public string Issuer { get; set; } = "https://accounts.google.com";
}
