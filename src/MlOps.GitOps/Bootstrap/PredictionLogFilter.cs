using MlOps.GitOps.Model;

namespace MlOps.GitOps.Bootstrap;

/// <summary>
/// The Cloud Logging filter that selects the Predictor's prediction entries: JSON lines on stdout of the predictor
/// Cloud Run service whose labels carry <c>mlops.kind=prediction</c> and whose payload names a model.
/// </summary>
public static class PredictionLogFilter
{
    public const string KindLabel = "mlops.kind";
    public const string KindValue = "prediction";

    public static string For(string project) => string.Join(" AND ",
        "resource.type=\"cloud_run_revision\"",
        $"resource.labels.service_name=\"{ServiceNames.Predictor}\"",
        $"logName=\"projects/{project}/logs/run.googleapis.com%2Fstdout\"",
        $"labels.\"{KindLabel}\"=\"{KindValue}\"",
        "jsonPayload.model:*");

    /// <summary>Whether a LogEntry (as JSON) passes <see cref="For"/>: what the sink routes, for the stand-in sink in rehearsal.</summary>
    public static bool Matches(System.Text.Json.Nodes.JsonObject entry, string project) =>
        Text(entry["resource"]?["type"]) == "cloud_run_revision"
        && Text(entry["resource"]?["labels"]?["service_name"]) == ServiceNames.Predictor
        && Text(entry["logName"]) == $"projects/{project}/logs/run.googleapis.com%2Fstdout"
        && Text(entry["labels"]?[KindLabel]) == KindValue
        && entry["jsonPayload"]?["model"] is not null;

    private static string? Text(System.Text.Json.Nodes.JsonNode? node) =>
        node is System.Text.Json.Nodes.JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
