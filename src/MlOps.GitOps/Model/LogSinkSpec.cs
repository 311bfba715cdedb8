namespace MlOps.GitOps.Model;

/// <summary>
/// The Cloud Logging sinks of the Predictor's prediction log entries: one to a Pub/Sub topic (what the DriftWatcher
/// reads), and optionally one to a BigQuery dataset (the request/response table users query) and one to the artifact
/// bucket, where Cloud Logging writes hourly files under the log's name (what <c>mlops drift --archive</c> and the
/// DriftWatcher replay).
/// </summary>
public sealed record LogSinkSpec(string Name, string Topic, string? BigQueryDataset = null, bool Archive = false)
{
    /// <summary>
    /// The folders of the artifact bucket a Cloud Storage sink writes prediction entries to: one per log the filter
    /// selects, named after the log (<c>{log}/YYYY/MM/DD/HH:00:00_HH:59:59_S0.json</c>).
    /// </summary>
    public static IReadOnlyList<string> ArchiveFolders { get; } = ["run.googleapis.com/stdout", "aiplatform.googleapis.com/prediction_container"];
}
