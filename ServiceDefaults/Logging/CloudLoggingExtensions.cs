using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MlOps.ServiceDefaults.Logging;

namespace Microsoft.Extensions.Hosting;

public static class CloudLoggingExtensions
{
    /// <summary>
    /// Console logs as Cloud Logging structured lines (one JSON object per line, with <c>severity</c>, <c>time</c>,
    /// the trace and span of the current activity, labels and the logged properties). Trace resource names use the
    /// project in <c>GOOGLE_CLOUD_PROJECT</c>, else <c>MlOps:PubSub:ProjectId</c>, else
    /// <c>Logging:Console:FormatterOptions:ProjectId</c>.
    /// </summary>
    public static TBuilder AddCloudLoggingConsole<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Logging.AddConsole(o => o.FormatterName = CloudLoggingFormatter.FormatterName);
        builder.Logging.AddConsoleFormatter<CloudLoggingFormatter, CloudLoggingFormatterOptions>();
        builder.Services.AddOptions<CloudLoggingFormatterOptions>()
            .Configure(o => o.ProjectId = CloudLoggingFormatterOptions.ProjectFrom(builder.Configuration) ?? o.ProjectId);
        return builder;
    }
}
