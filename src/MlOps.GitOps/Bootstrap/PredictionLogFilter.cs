using MlOps.GitOps.Model;

namespace MlOps.GitOps.Bootstrap;

/// <summary>
/// The Cloud Logging filter that selects prediction entries: JSON lines on stdout of the predictor Cloud Run
/// service, or of a Vertex AI endpoint's serving containers (the Predictor image, when the Deployer's target is
/// a Vertex AI endpoint), whose labels carry <c>mlops.kind=prediction</c> and whose payload names a model.
/// </summary>
public static class PredictionLogFilter
{
    public const string KindLabel = "mlops.kind";
    public const string KindValue = "prediction";
    public const string VertexEndpointResource = "aiplatform.googleapis.com/Endpoint";

    public static string CloudRunLog(string project) => $"projects/{project}/logs/run.googleapis.com%2Fstdout";

    public static string VertexContainerLog(string project) => $"projects/{project}/logs/aiplatform.googleapis.com%2Fprediction_container";

    public static string For(string project) => string.Join(" AND ",
        $"((resource.type=\"cloud_run_revision\" AND resource.labels.service_name=\"{ServiceNames.Predictor}\" AND logName=\"{CloudRunLog(project)}\")"
            + $" OR (resource.type=\"{VertexEndpointResource}\" AND logName=\"{VertexContainerLog(project)}\"))",
        $"labels.\"{KindLabel}\"=\"{KindValue}\"",
        "jsonPayload.model:*");

    /// <summary>Whether a LogEntry (as JSON) passes <see cref="For"/>: what the sink routes, for the stand-in sink in rehearsal.</summary>
    public static bool Matches(System.Text.Json.Nodes.JsonObject entry, string project)
    {
        var resource = Text(entry["resource"]?["type"]);
        var log = Text(entry["logName"]);
        var source = (resource == "cloud_run_revision" && Text(entry["resource"]?["labels"]?["service_name"]) == ServiceNames.Predictor && log == CloudRunLog(project))
            || (resource == VertexEndpointResource && log == VertexContainerLog(project));
        return source && Text(entry["labels"]?[KindLabel]) == KindValue && entry["jsonPayload"]?["model"] is not null;
    }

    private static string? Text(System.Text.Json.Nodes.JsonNode? node) =>
        node is System.Text.Json.Nodes.JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
