using MlOps.Platform.Configuration;

namespace MlOps.Predictor.Serving;

/// <summary>
/// The Vertex AI custom container contract: the port, predict and health routes, and the model's
/// storage location, each from its <c>AIP_*</c> variable when set.
/// </summary>
public sealed record VertexAiContract(int? HttpPort, string? PredictRoute, string? HealthRoute, string? StorageUri)
{
    public const string HttpPortVariable = "AIP_HTTP_PORT";
    public const string PredictRouteVariable = "AIP_PREDICT_ROUTE";
    public const string HealthRouteVariable = "AIP_HEALTH_ROUTE";
    public const string StorageUriVariable = "AIP_STORAGE_URI";

    public static VertexAiContract From(IHostApplicationBuilder builder) => new(
        int.TryParse(builder.ReadSetting(HttpPortVariable), out var port) ? port : null,
        Route(builder.ReadSetting(PredictRouteVariable)),
        Route(builder.ReadSetting(HealthRouteVariable)),
        builder.ReadSetting(StorageUriVariable) is { Length: > 0 } storage && !string.IsNullOrWhiteSpace(storage) ? storage : null);

    /// <summary>A <c>gs://bucket/path</c> URI as the Cloud Storage FUSE path Vertex AI mounts under <c>/gcs</c>; local paths pass through.</summary>
    public static string LocalPath(string storageUri, string gcsMount = "/gcs") =>
        storageUri.StartsWith("gs://", StringComparison.Ordinal) ? $"{gcsMount}/{storageUri["gs://".Length..]}" : storageUri;

    private static string? Route(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : value.StartsWith('/') ? value : "/" + value;
}
