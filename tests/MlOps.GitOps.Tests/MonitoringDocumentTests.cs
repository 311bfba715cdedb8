using System.Text.Json.Nodes;
using MlOps.GitOps.Bootstrap;
using MlOps.GitOps.Loading;
using MlOps.GitOps.Model;
using MlOps.Rehearsal.StandIns.Schema;

namespace MlOps.GitOps.Tests;

/// <summary>
/// The documents bootstrap hands gcloud for alerting — the log-based metric, the email channels and the alert policy —
/// read as Google's parser reads google.logging.v2.LogMetric, google.monitoring.v3.NotificationChannel and AlertPolicy,
/// transcribed from googleapis: every name a field of the message, every value of the field's type, every REQUIRED field set.
/// </summary>
public sealed class MonitoringDocumentTests
{
    private const string LogMetric = "google.logging.v2.LogMetric";
    private const string NotificationChannel = "google.monitoring.v3.NotificationChannel";
    private const string AlertPolicy = "google.monitoring.v3.AlertPolicy";

    public static TheoryData<string> Environments() => new(RepositoryFiles.Environments.Names());

    private static EnvironmentSpec Spec(string environment) => EnvironmentLoader.LoadValid(RepositoryFiles.Environments, environment);

    [Theory]
    [MemberData(nameof(Environments))]
    public void Every_environments_metric_channels_and_policy_are_the_messages_google_takes(string environment)
    {
        var spec = Spec(environment);

        Assert.Empty(ProtoDocuments.Check(LogMetric, AnomalyAlerting.Metric(spec)));
        Assert.All(spec.Alerting.Emails, email => Assert.Empty(ProtoDocuments.Check(NotificationChannel, AnomalyAlerting.Channel(spec, email))));
        Assert.Empty(ProtoDocuments.Check(AlertPolicy, AnomalyAlerting.Policy(spec)));
    }

    [Fact]
    public void A_misspelt_field_is_refused_by_its_path()
    {
        var metric = AnomalyAlerting.Metric(Spec("dev"));
        var extractors = metric["labelExtractors"]!.DeepClone();
        metric.Remove("labelExtractors");
        metric["labelExtractor"] = extractors;

        var problems = ProtoDocuments.Check(LogMetric, metric);

        Assert.Equal(["labelExtractor: Invalid JSON payload received. Unknown name \"labelExtractor\": Cannot find field."], problems);
    }

    [Fact]
    public void A_misspelt_field_deep_in_the_policy_is_refused_by_its_full_path()
    {
        var policy = AnomalyAlerting.Policy(Spec("prod"));
        policy["conditions"]![0]!["conditionThreshold"]!["aggregations"]![0]!["perSeriesAlligner"] = "ALIGN_DELTA";

        var problem = Assert.Single(ProtoDocuments.Check(AlertPolicy, policy));

        Assert.StartsWith("conditions[0].conditionThreshold.aggregations[0].perSeriesAlligner: Invalid JSON payload received. Unknown name \"perSeriesAlligner\" at 'conditions[0].conditionThreshold.aggregations[0]'", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_comparison_that_is_no_value_of_the_enum_is_refused_naming_the_enum()
    {
        var policy = AnomalyAlerting.Policy(Spec("staging"));
        policy["conditions"]![0]!["conditionThreshold"]!["comparison"] = "COMPARISON_GREATER";

        var problems = ProtoDocuments.Check(AlertPolicy, policy);

        Assert.Equal(["conditions[0].conditionThreshold.comparison: Invalid value at 'conditions[0].conditionThreshold.comparison' (type.googleapis.com/google.monitoring.v3.ComparisonType), \"COMPARISON_GREATER\""], problems);
    }

    [Fact]
    public void A_duration_without_its_seconds_suffix_is_refused()
    {
        var policy = AnomalyAlerting.Policy(Spec("dev"));
        policy["conditions"]![0]!["conditionThreshold"]!["aggregations"]![0]!["alignmentPeriod"] = "60";
        policy["alertStrategy"]!["autoClose"] = "30m";

        var problems = ProtoDocuments.Check(AlertPolicy, policy);

        Assert.Equal(
        [
            "conditions[0].conditionThreshold.aggregations[0].alignmentPeriod: Invalid value at 'conditions[0].conditionThreshold.aggregations[0].alignmentPeriod' (type.googleapis.com/google.protobuf.Duration), \"60\"",
            "alertStrategy.autoClose: Invalid value at 'alertStrategy.autoClose' (type.googleapis.com/google.protobuf.Duration), \"30m\"",
        ], problems);
    }

    [Fact]
    public void A_metric_without_its_name_or_filter_is_refused_naming_each_required_field()
    {
        var metric = AnomalyAlerting.Metric(Spec("dev"));
        metric.Remove("name");
        metric["filter"] = "";

        var problems = ProtoDocuments.Check(LogMetric, metric);

        Assert.Equal(["name: Required field is not set.", "filter: Required field is not set."], problems);
    }

    [Fact]
    public void A_threshold_condition_without_its_filter_is_refused()
    {
        var policy = AnomalyAlerting.Policy(Spec("dev"));
        ((JsonObject)policy["conditions"]![0]!["conditionThreshold"]!).Remove("filter");

        var problems = ProtoDocuments.Check(AlertPolicy, policy);

        Assert.Equal(["conditions[0].conditionThreshold.filter: Required field is not set."], problems);
    }

    [Fact]
    public void A_metric_label_of_no_known_value_type_is_refused_naming_the_label_enum()
    {
        var metric = AnomalyAlerting.Metric(Spec("dev"));
        metric["metricDescriptor"]!["labels"]![1]!["valueType"] = "TEXT";

        var problems = ProtoDocuments.Check(LogMetric, metric);

        Assert.Equal(["metricDescriptor.labels[1].valueType: Invalid value at 'metricDescriptor.labels[1].valueType' (type.googleapis.com/google.api.LabelDescriptor.ValueType), \"TEXT\""], problems);
    }

    [Fact]
    public void A_channel_whose_enabled_flag_is_a_string_is_refused()
    {
        var spec = Spec("prod");
        var channel = AnomalyAlerting.Channel(spec, spec.Alerting.Emails[0]);
        channel["enabled"] = "yes";

        Assert.Equal(["enabled: Invalid value at 'enabled' (TYPE_BOOL), \"yes\""], ProtoDocuments.Check(NotificationChannel, channel));
    }
}
