namespace MlOps.Predictor.Serving;

/// <summary>
/// The Vertex AI custom container contract: the port, predict and health routes, and the model's
/// storage location, each from its <c>AIP_*</c> variable when set.
/// </summary>
public sealed record VertexAiContract(int? HttpPort, string? PredictRoute, string? HealthRoute, string? StorageUri)
{
    public static VertexAiContract From(IConfiguration configuration) => new(
        int.TryParse(configuration["AIP_HTTP_PORT"], out var port) ? port : null,
        Route(configuration["AIP_PREDICT_ROUTE"]),
        Route(configuration["AIP_HEALTH_ROUTE"]),
        string.IsNullOrWhiteSpace(configuration["AIP_STORAGE_URI"]) ? null : configuration["AIP_STORAGE_URI"]);

    /// <summary>A <c>gs://bucket/path</c> URI as the Cloud Storage FUSE path Vertex AI mounts under <c>/gcs</c>; local paths pass through.</summary>
    public static string LocalPath(string storageUri, string gcsMount = "/gcs") =>
        storageUri.StartsWith("gs://", StringComparison.Ordinal) ? $"{gcsMount}/{storageUri["gs://".Length..]}" : storageUri;

    private static string? Route(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : value.StartsWith('/') ? value : "/" + value;
}
