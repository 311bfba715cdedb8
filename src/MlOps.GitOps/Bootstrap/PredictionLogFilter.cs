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
}
