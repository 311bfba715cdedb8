using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using MlOps.Contracts;
using MlOps.Core.Synthetic;
using MlOps.Platform.Messaging;
using MlOps.Predictor.Logging;
using MlOps.PubSub;
using MlOps.ServiceDefaults.Logging;

namespace MlOps.Services.Tests.Telemetry;

/// <summary>Which console format a service host gets, and how its lines sit beside the Predictor's own prediction lines on stdout.</summary>
public sealed class CloudLoggingHostTests
{
    [Fact]
    public void Outside_development_a_host_logs_Cloud_Logging_lines_in_the_project_it_publishes_to()
    {
        using var app = Host("Production", new() { ["GOOGLE_CLOUD_PROJECT"] = "", ["MlOps:PubSub:ProjectId"] = "acme-mlops-prod" });

        Assert.Equal(CloudLoggingFormatter.FormatterName, app.Services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue.FormatterName);
        Assert.Contains(app.Services.GetServices<ConsoleFormatter>(), f => f is CloudLoggingFormatter);
        var options = app.Services.GetRequiredService<IOptionsMonitor<CloudLoggingFormatterOptions>>().CurrentValue;
        Assert.Equal("acme-mlops-prod", options.ProjectId);
        Assert.True(options.IncludeScopes);
    }

    [Fact]
    public void GOOGLE_CLOUD_PROJECT_names_the_trace_project_when_it_is_set()
    {
        using var app = Host("Staging", new() { ["GOOGLE_CLOUD_PROJECT"] = "acme-observability", ["MlOps:PubSub:ProjectId"] = "acme-mlops-staging" });

        Assert.Equal("acme-observability", app.Services.GetRequiredService<IOptionsMonitor<CloudLoggingFormatterOptions>>().CurrentValue.ProjectId);
    }

    [Fact]
    public void In_development_the_console_keeps_its_readable_format()
    {
        using var app = Host("Development", []);

        Assert.NotEqual(CloudLoggingFormatter.FormatterName, app.Services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue.FormatterName);
    }

    [Fact]
    public void The_project_is_read_from_the_keys_the_services_already_use()
    {
        Assert.Equal(PubSubClientSettings.ProjectVariable, CloudLoggingFormatterOptions.ProjectVariable);
        var messagingKey = $"{MessagingOptions.Section}:{nameof(MessagingOptions.PubSub)}:{nameof(PubSubOptions.ProjectId)}";
        Assert.Equal(CloudLoggingFormatterOptions.PubSubProjectKey, messagingKey);
    }

    [Fact]
    public void A_logged_entry_never_carries_the_prediction_label_the_log_sink_routes_on_and_a_prediction_line_still_does()
    {
        var logged = CloudLoggingLines.Single(l => l.LogInformation("Served {model} v{version} {mlops.kind}", "taxi-tips", 3, PredictionLogEntry.PredictionKind), category: "MlOps.Predictor.Serving");

        var labels = logged.GetProperty("logging.googleapis.com/labels");
        Assert.False(labels.TryGetProperty(PredictionLogEntry.KindLabel, out _));
        var prediction = PredictionLine();
        Assert.Single(prediction.Split('\n'));
        var entry = JsonDocument.Parse(prediction).RootElement;
        Assert.Equal(PredictionLogEntry.PredictionKind, entry.GetProperty("logging.googleapis.com/labels").GetProperty(PredictionLogEntry.KindLabel).GetString());
        Assert.Equal(("INFO", "taxi-tips"), (entry.GetProperty("severity").GetString(), entry.GetProperty("model").GetString()));
    }

    private static WebApplication Host(string environment, Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddServiceDefaults();
        return builder.Build();
    }

    // The Predictor writes these itself (PredictionLogWriter), never through ILogger: the formatter cannot touch them.
    private static string PredictionLine()
    {
        var record = new PredictionLogRecord("taxi-tips", 3, "packages/taxi-tips/v3", TaxiTripGenerator.Schema, CloudLoggingLines.Now, 0.42, 1,
            [7, 11, 4, 6, float.NaN, 2.5f], ["cash", null, "SoHo"], [0.125f]);
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            PredictionLogFormat.WriteStructuredLine(writer, record);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
