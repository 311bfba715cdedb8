using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using MlOps.Platform.Configuration;

namespace MlOps.WebConsole;

/// <summary>Bound from <c>Console</c>; see docs/configuration.md. The services it reads are found as <c>services:&lt;name&gt;:http:0</c>.</summary>
public sealed class ConsoleOptions : ISettings
{
    public static string Section => "Console";

    /// <summary>How often an open page reads the services again, in seconds.</summary>
    [Range(1, 60)]
    public int RefreshSeconds { get; set; } = 2;

    /// <summary>Who the console's users are: behind IAP when <see cref="IapOptions.Audience"/> is set, else people on this machine.</summary>
    [ValidateObjectMembers]
    public IapOptions Iap { get; set; } = new();

    /// <summary>
    /// The only users (emails, separated by commas) who may retrain, promote or roll back; empty lets every user
    /// the console admits. Compared ignoring case, as Google compares emails.
    /// </summary>
    public string? Operators { get; set; }

    public IReadOnlySet<string> OperatorSet() =>
        (Operators ?? "").Split([',', ' ', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.OrdinalIgnoreCase);
}

/// <summary><c>Console:Iap</c>: the signed header Identity-Aware Proxy puts on every request it lets through.</summary>
public sealed class IapOptions
{
    /// <summary>
    /// The audience of IAP's JWT (<c>/projects/NUMBER/locations/REGION/services/NAME</c> for IAP on Cloud Run,
    /// <c>/projects/NUMBER/global/backendServices/ID</c> behind a load balancer). When set, a request without a valid
    /// <c>x-goog-iap-jwt-assertion</c> for it gets nothing; when not, only callers on this machine are served.
    /// </summary>
    public string? Audience { get; set; }

    /// <summary>IAP's signing keys, as a JSON Web Key Set.</summary>
    [Required]
    public string KeysUrl { get; set; } = "https://www.gstatic.com/iap/verify/public_key-jwk";

    [Required]
    public string Issuer { get; set; } = "https://cloud.google.com/iap";
}
