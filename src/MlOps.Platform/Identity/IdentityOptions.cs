using MlOps.Platform.Configuration;

namespace MlOps.Platform.Identity;

/// <summary>
/// The callee's side of service identity, the Cloud Run way (<c>MlOps:Identity</c>): a service with an
/// <see cref="Audience"/> accepts on its state-changing and service-to-service routes only ID tokens
/// issued for it (Cloud Run IAM checks them first on a private service; this is defence in depth, and
/// what holds on a public one or off Cloud Run). Without one, those routes answer only loopback callers.
/// </summary>
public sealed class IdentityOptions : ISettings
{
    public static string Section => "MlOps:Identity";

    /// <summary>This service's own URL: when set, state-changing and service-to-service routes accept only ID tokens issued for it.</summary>
    public string? Audience { get; set; }

    /// <summary>Who signs the tokens: Google, whose signing keys are found from its OpenID configuration.</summary>
    public string Issuer { get; set; } = "https://accounts.google.com";

    /// <summary>Who may call the read-only routes.</summary>
    public ReadAccess ReadOnly { get; set; } = ReadAccess.Open;

    /// <summary>
    /// The only principals (emails of service accounts or users, separated by commas) who may call the state-changing
    /// routes; empty lets every holder of a valid token. Needs <see cref="Audience"/>: without a token nobody is named.
    /// </summary>
    public string? Callers { get; set; }

    /// <summary><see cref="Callers"/> as a set, compared ignoring case as Google compares emails.</summary>
    public IReadOnlySet<string> CallerSet() =>
        (Callers ?? "").Split([',', ' ', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.OrdinalIgnoreCase);
}
