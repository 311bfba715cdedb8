using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace MlOps.Services.Tests.Telemetry;

/// <summary>What Cloud Logging reads from a structured line on stdout (its special fields) and what Error Reporting parses.</summary>
public sealed partial class CloudLoggingFormatterTests
{
    [Theory]
    [InlineData(LogLevel.Trace, "DEBUG")]
    [InlineData(LogLevel.Debug, "DEBUG")]
    [InlineData(LogLevel.Information, "INFO")]
    [InlineData(LogLevel.Warning, "WARNING")]
    [InlineData(LogLevel.Error, "ERROR")]
    [InlineData(LogLevel.Critical, "CRITICAL")]
    public void Each_log_level_is_written_as_the_Cloud_Logging_severity(LogLevel level, string severity)
    {
        var line = CloudLoggingLines.Single(l => l.Log(level, "something happened"));

        Assert.Equal(severity, line.GetProperty("severity").GetString());
    }

    [Fact]
    public void A_line_has_the_message_an_RFC_3339_time_the_category_and_event_as_labels_and_the_properties_as_fields()
    {
        var line = CloudLoggingLines.Single(l => l.LogInformation(new EventId(7, "Trained"), "Trained {Model} v{Version} in {Seconds} s", "taxi-tips", 3, 1.5));

        Assert.Equal("Trained taxi-tips v3 in 1.5 s", line.GetProperty("message").GetString());
        var time = line.GetProperty("time").GetString()!;
        Assert.Matches(Rfc3339(), time);
        Assert.Equal(CloudLoggingLines.Now, DateTimeOffset.Parse(time, System.Globalization.CultureInfo.InvariantCulture));
        var labels = line.GetProperty("logging.googleapis.com/labels");
        Assert.Equal(("MlOps.Trainer.Training", "7", "Trained"), (labels.GetProperty("category").GetString(), labels.GetProperty("eventId").GetString(), labels.GetProperty("eventName").GetString()));
        Assert.Equal("taxi-tips", line.GetProperty("Model").GetString());
        Assert.Equal(3, line.GetProperty("Version").GetInt32());
        Assert.Equal(1.5, line.GetProperty("Seconds").GetDouble());
        Assert.Equal("Trained {Model} v{Version} in {Seconds} s", line.GetProperty("messageTemplate").GetString());
        Assert.False(line.TryGetProperty("logging.googleapis.com/trace", out _));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Inside_an_activity_the_line_names_its_trace_in_the_project_its_span_and_the_sampling_decision(bool sampled)
    {
        using var activity = new Activity("predict").SetIdFormat(ActivityIdFormat.W3C).Start();
        activity.ActivityTraceFlags = sampled ? ActivityTraceFlags.Recorded : ActivityTraceFlags.None;

        var line = CloudLoggingLines.Single(l => l.LogWarning("slow prediction"));

        Assert.Equal($"projects/acme-mlops-prod/traces/{activity.TraceId.ToHexString()}", line.GetProperty("logging.googleapis.com/trace").GetString());
        Assert.Equal(activity.SpanId.ToHexString(), line.GetProperty("logging.googleapis.com/spanId").GetString());
        Assert.Equal(sampled, line.GetProperty("logging.googleapis.com/trace_sampled").GetBoolean());
    }

    [Fact]
    public void Without_a_project_no_trace_name_is_made_up_but_the_span_is_still_written()
    {
        using var activity = new Activity("predict").SetIdFormat(ActivityIdFormat.W3C).Start();

        var line = CloudLoggingLines.Single(l => l.LogInformation("served"), project: null);

        Assert.False(line.TryGetProperty("logging.googleapis.com/trace", out _));
        Assert.Equal(activity.SpanId.ToHexString(), line.GetProperty("logging.googleapis.com/spanId").GetString());
    }

    [Fact]
    public void An_exception_is_in_the_message_and_whole_in_stack_trace_so_Error_Reporting_groups_it()
    {
        var exception = Thrown();

        var lines = CloudLoggingLines.Render(f => f.CreateLogger("MlOps.Trainer.Training").LogError(exception, "Training {Model} failed", "taxi-tips"));

        var line = JsonDocument.Parse(lines.Text).RootElement;
        Assert.Equal("ERROR", line.GetProperty("severity").GetString());
        Assert.Equal("Training taxi-tips failed\n" + exception, line.GetProperty("message").GetString());
        Assert.Equal(exception.ToString(), line.GetProperty("stack_trace").GetString());
        Assert.StartsWith("System.InvalidOperationException: the holdout is empty", line.GetProperty("stack_trace").GetString(), StringComparison.Ordinal);
        Assert.Contains("   at ", line.GetProperty("stack_trace").GetString(), StringComparison.Ordinal);
        Assert.Equal(lines.Text.Length - 1, lines.Text.IndexOf('\n', StringComparison.Ordinal));
    }

    [Fact]
    public void Every_entry_is_one_line_even_when_its_message_has_line_breaks()
    {
        var lines = CloudLoggingLines.Render(f =>
        {
            var logger = f.CreateLogger("MlOps.Registry");
            logger.LogInformation("first\nsecond\r\nthird");
            logger.LogWarning(Thrown(), "with a stack trace");
            logger.LogInformation("{Path}", "a\u2028b");
        });

        var text = lines.Text;
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain('\r', text);
        var split = text.TrimEnd('\n').Split('\n');
        Assert.Equal(3, split.Length);
        Assert.All(split, l => Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(l).RootElement.ValueKind));
        Assert.Equal("first\nsecond\r\nthird", JsonDocument.Parse(split[0]).RootElement.GetProperty("message").GetString());
    }

    [Fact]
    public void A_property_named_like_a_special_field_cannot_replace_it()
    {
        var line = CloudLoggingLines.Single(l => l.LogInformation("{severity} {time} {logging.googleapis.com/trace}", "CRITICAL", "yesterday", "projects/x/traces/y"));

        Assert.Equal("INFO", line.GetProperty("severity").GetString());
        Assert.Equal("CRITICAL", line.GetProperty("state_severity").GetString());
        Assert.Equal("yesterday", line.GetProperty("state_time").GetString());
        Assert.False(line.TryGetProperty("logging.googleapis.com/trace", out _));
    }

    [Fact]
    public void Scopes_add_their_properties_as_fields_and_plain_scopes_as_a_list()
    {
        var line = CloudLoggingLines.Single(l =>
        {
            using var request = l.BeginScope(new Dictionary<string, object?> { ["RequestPath"] = "/v1/models/taxi-tips:predict", ["Model"] = "shadowed" });
            using var plain = l.BeginScope("rollout 12");
            l.LogInformation("Served {Model}", "taxi-tips");
        });

        Assert.Equal("/v1/models/taxi-tips:predict", line.GetProperty("RequestPath").GetString());
        Assert.Equal("taxi-tips", line.GetProperty("Model").GetString());
        Assert.Equal(["rollout 12"], line.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
    }

    private static InvalidOperationException Thrown()
    {
        try
        {
            throw new InvalidOperationException("the holdout is empty");
        }
        catch (InvalidOperationException e)
        {
            return e;
        }
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex Rfc3339();
}
