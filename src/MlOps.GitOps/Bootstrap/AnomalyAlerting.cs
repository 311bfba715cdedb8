using System.Text.Json;
using System.Text.Json.Nodes;
using MlOps.Contracts;
using MlOps.GitOps.Model;

namespace MlOps.GitOps.Bootstrap;

/// <summary>
/// Cloud Monitoring's side of alerting, as the documents Google's APIs take (google/logging/v2 LogMetric,
/// google/monitoring/v3 NotificationChannel and AlertPolicy, in proto JSON): a log-based counter of the
/// DriftWatcher's anomaly entries (one per alert, like Vertex AI's <c>model_monitoring_anomaly</c> log) labelled by
/// alert kind and model, an email channel per address the environment lists, and a policy that opens an incident on
/// any anomaly and notifies those channels.
/// </summary>
public static class AnomalyAlerting
{
    public const string MetricName = "mlops-model-anomalies";
    public const string AnomalyType = AnomalyLog.AnomalyType;

    public static string Filter => string.Join(" AND ",
        "resource.type=\"cloud_run_revision\"",
        $"resource.labels.service_name=\"{ServiceNames.DriftWatcher}\"",
        AnomalyLog.MetricFilter);

    public static string MetricType => $"logging.googleapis.com/user/{MetricName}";

    public static string PolicyName(EnvironmentSpec spec) => $"MlOps {spec.Name}: model monitoring anomaly";

    /// <summary>Every channel bootstrap creates is named with this prefix, so the policy step finds exactly them.</summary>
    public static string ChannelPrefix(EnvironmentSpec spec) => $"MlOps {spec.Name}:";

    public static string ChannelName(EnvironmentSpec spec, string email) => $"{ChannelPrefix(spec)} {email}";

    public static JsonObject Metric(EnvironmentSpec spec) => new()
    {
        ["name"] = MetricName,
        ["description"] = $"Anomalies the MlOps DriftWatcher of {spec.Name} logged: drift, rollbacks, failed trainings and gate rejections",
        ["filter"] = Filter,
        ["metricDescriptor"] = new JsonObject
        {
            ["metricKind"] = "DELTA",
            ["valueType"] = "INT64",
            ["unit"] = "1",
            ["displayName"] = "MlOps model anomalies",
            ["labels"] = new JsonArray(
                new JsonObject { ["key"] = "alert_kind", ["valueType"] = "STRING", ["description"] = "drift, rollback, training-failed, gate-rejected or message-failed" },
                new JsonObject { ["key"] = "model", ["valueType"] = "STRING", ["description"] = "the model the alert is about" }),
        },
        ["labelExtractors"] = new JsonObject
        {
            ["alert_kind"] = AnomalyLog.AlertKindLabelExtractor,
            ["model"] = AnomalyLog.ModelLabelExtractor,
        },
    };

    public static JsonObject Channel(EnvironmentSpec spec, string email) => new()
    {
        ["type"] = "email",
        ["displayName"] = ChannelName(spec, email),
        ["description"] = $"Pages {email} on MlOps anomalies in {spec.Name}",
        ["labels"] = new JsonObject { ["email_address"] = email },
        ["enabled"] = true,
    };

    /// <summary>The policy without its channels: the step adds the names of the channels it finds as it runs.</summary>
    public static JsonObject Policy(EnvironmentSpec spec) => new()
    {
        ["displayName"] = PolicyName(spec),
        ["documentation"] = new JsonObject
        {
            ["content"] = $"The MlOps DriftWatcher of {spec.Name} logged an anomaly (${{metric.label.alert_kind}} for ${{metric.label.model}}). "
                + "Its alerts, their webhook deliveries and any dead letters are listed by GET /api/alerts on the drift-watcher service; "
                + "a drift alert links to the retraining it requested.",
            ["mimeType"] = "text/markdown",
        },
        ["combiner"] = "OR",
        ["conditions"] = new JsonArray(new JsonObject
        {
            ["displayName"] = "an anomaly logged by the drift-watcher",
            ["conditionThreshold"] = new JsonObject
            {
                ["filter"] = $"metric.type=\"{MetricType}\" AND resource.type=\"cloud_run_revision\"",
                ["comparison"] = "COMPARISON_GT",
                ["thresholdValue"] = 0,
                ["duration"] = "0s",
                ["aggregations"] = new JsonArray(new JsonObject
                {
                    ["alignmentPeriod"] = "60s",
                    ["perSeriesAligner"] = "ALIGN_DELTA",
                    ["crossSeriesReducer"] = "REDUCE_SUM",
                    ["groupByFields"] = new JsonArray("metric.label.alert_kind", "metric.label.model"),
                }),
                ["trigger"] = new JsonObject { ["count"] = 1 },
            },
        }),
        ["alertStrategy"] = new JsonObject { ["autoClose"] = "1800s" },
        ["enabled"] = true,
    };

    // Quotes stay quotes (\" rather than \u0022), so the document in the script reads as the filter it holds.
    internal static string Compact(JsonNode node) => node.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}
