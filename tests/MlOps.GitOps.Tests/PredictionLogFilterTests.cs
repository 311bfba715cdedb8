using System.Text.Json.Nodes;
using MlOps.GitOps.Bootstrap;

namespace MlOps.GitOps.Tests;

/// <summary>The sink's filter selects prediction entries of the Predictor on Cloud Run and of Vertex AI endpoints' serving containers, nothing else.</summary>
public sealed class PredictionLogFilterTests
{
    private const string Project = "acme";

    private static JsonObject Entry(string resource, string log, string? service = "predictor", string kind = "prediction") => new()
    {
        ["logName"] = $"projects/{Project}/logs/{log}",
        ["resource"] = new JsonObject { ["type"] = resource, ["labels"] = new JsonObject { ["service_name"] = service, ["endpoint_id"] = "taxi-tips" } },
        ["labels"] = new JsonObject { ["mlops.kind"] = kind },
        ["jsonPayload"] = new JsonObject { ["model"] = "taxi-tips" },
    };

    [Fact]
    public void Cloud_Run_and_Vertex_AI_endpoint_prediction_entries_pass()
    {
        Assert.True(PredictionLogFilter.Matches(Entry("cloud_run_revision", "run.googleapis.com%2Fstdout"), Project));
        Assert.True(PredictionLogFilter.Matches(Entry("aiplatform.googleapis.com/Endpoint", "aiplatform.googleapis.com%2Fprediction_container", service: null), Project));
    }

    [Fact]
    public void Other_services_other_logs_and_other_kinds_do_not()
    {
        Assert.False(PredictionLogFilter.Matches(Entry("cloud_run_revision", "run.googleapis.com%2Fstdout", service: "registry"), Project));
        Assert.False(PredictionLogFilter.Matches(Entry("aiplatform.googleapis.com/Endpoint", "run.googleapis.com%2Fstdout"), Project));
        Assert.False(PredictionLogFilter.Matches(Entry("cloud_run_revision", "run.googleapis.com%2Fstdout", kind: "request"), Project));
    }

    [Fact]
    public void The_filter_text_bootstrap_gives_the_sink_names_both_sources()
    {
        var filter = PredictionLogFilter.For(Project);

        Assert.Contains("resource.type=\"cloud_run_revision\"", filter);
        Assert.Contains("resource.type=\"aiplatform.googleapis.com/Endpoint\"", filter);
        Assert.Contains($"logName=\"projects/{Project}/logs/aiplatform.googleapis.com%2Fprediction_container\"", filter);
        Assert.EndsWith("labels.\"mlops.kind\"=\"prediction\" AND jsonPayload.model:*", filter);
    }
}
