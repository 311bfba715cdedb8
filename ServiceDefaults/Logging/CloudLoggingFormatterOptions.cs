using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Console;

namespace MlOps.ServiceDefaults.Logging;

/// <summary>Bound from <c>Logging:Console:FormatterOptions</c>; scopes are written unless turned off there.</summary>
internal sealed class CloudLoggingFormatterOptions : ConsoleFormatterOptions
{
    /// <summary>Google's variable for the project (the Pub/Sub client falls back to it too).</summary>
    public const string ProjectVariable = "GOOGLE_CLOUD_PROJECT";

    /// <summary>The project of the services' Pub/Sub settings (MessagingOptions), which the rendered environments set on Cloud Run.</summary>
    public const string PubSubProjectKey = "MlOps:PubSub:ProjectId";

    public CloudLoggingFormatterOptions() => IncludeScopes = true;

    /// <summary>The project in trace resource names (<c>projects/{ProjectId}/traces/{traceId}</c>); without one, no trace is written.</summary>
    public string? ProjectId { get; set; }

    public static string? ProjectFrom(IConfiguration configuration) =>
        NonEmpty(configuration[ProjectVariable]) ?? NonEmpty(configuration[PubSubProjectKey]);

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
