using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using MlOps.Platform.Configuration;
using MlOps.Platform.Messaging;

namespace MlOps.DriftWatcher.Alerting;

/// <summary>
/// What data annotations cannot say about <c>DriftWatcher:Alerts</c>: each webhook has a channel name, an http(s)
/// URL, a secret long enough to sign with and kinds that exist; the topic is not one the services receive on; the
/// backoff's maximum is not below its start. No message repeats a URL or a secret (a webhook URL often carries a token).
/// </summary>
internal sealed partial class AlertOptionsValidator : IValidateOptions<DriftWatcherOptions>
{
    public const int MinimumSecretLength = 16;

    private static readonly string WebhooksKey = SettingKey.For<DriftWatcherOptions>(o => o.Alerts.Webhooks);

    private static readonly string[] OwnEndpoints = [.. typeof(EndpointNames).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!)];

    public ValidateOptionsResult Validate(string? name, DriftWatcherOptions options)
    {
        var alerts = options.Alerts;
        var failures = new List<string>();
        foreach (var (channel, webhook) in alerts.Webhooks)
        {
            var key = $"{WebhooksKey}:{channel}";
            if (!ChannelName().IsMatch(channel))
            {
                failures.Add($"{key}: '{channel}' is not a webhook name: lower-case letters, digits and _, starting with a letter, at most 40 characters");
            }

            if (webhook.Url is { Length: > 0 } url && (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
            {
                failures.Add($"{key}:{nameof(WebhookOptions.Url)} is not an absolute http or https URL");
            }

            if (webhook.Secret is { Length: > 0 and < MinimumSecretLength })
            {
                failures.Add($"{key}:{nameof(WebhookOptions.Secret)} is too short to sign with: use at least {MinimumSecretLength} characters");
            }

            if (webhook.Kinds is { } kinds && (AlertChannels.ParseKinds(kinds) is not { Count: > 0 } listed || listed.Any(k => !AlertKinds.All.Contains(k))))
            {
                failures.Add($"{key}:{nameof(WebhookOptions.Kinds)} is '{kinds}': give one or more of {string.Join(", ", AlertKinds.All)}, comma-separated");
            }
        }

        if (alerts.Topic is { Length: > 0 } topic && (OwnEndpoints.Contains(topic) || topic.StartsWith("goog", StringComparison.OrdinalIgnoreCase)))
        {
            failures.Add($"{SettingKey.For<DriftWatcherOptions>(o => o.Alerts.Topic)} is '{topic}': give the alerts a topic of their own, not one the services receive on (nor one starting with goog)");
        }

        if (alerts.MaxBackoffMilliseconds < alerts.InitialBackoffMilliseconds)
        {
            failures.Add($"{SettingKey.For<DriftWatcherOptions>(o => o.Alerts.MaxBackoffMilliseconds)} is below {SettingKey.For<DriftWatcherOptions>(o => o.Alerts.InitialBackoffMilliseconds)}");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    [GeneratedRegex("^[a-z][a-z0-9_]{0,39}$")]
    private static partial Regex ChannelName();
}
