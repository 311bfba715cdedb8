using System.ComponentModel.DataAnnotations;

namespace MlOps.DriftWatcher.Alerting;

/// <summary>
/// One webhook, bound from <c>DriftWatcher:Alerts:Webhooks:{name}</c>. Only [Required] here: a failing annotation's
/// message quotes the value, and neither the secret nor a URL (which may carry a token) is ever quoted;
/// <see cref="AlertOptionsValidator"/> checks the rest.
/// </summary>
public sealed class WebhookOptions
{
    /// <summary>Where deliveries are POSTed: an absolute http or https URL.</summary>
    [Required]
    public string? Url { get; set; }

    /// <summary>The HMAC-SHA256 key that signs each delivery; a Secret Manager reference in an environment.</summary>
    [Required]
    public string? Secret { get; set; }

    /// <summary>The alert kinds this webhook gets, comma-separated; every kind when not set.</summary>
    public string? Kinds { get; set; }
}
