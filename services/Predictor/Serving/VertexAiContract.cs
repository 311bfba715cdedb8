using MlOps.Platform.Configuration;
using MlOps.Predictor.Vertex;

namespace MlOps.Predictor.Serving;

/// <summary>
/// The Vertex AI custom container contract: the port, predict and health routes, and the model's
/// storage location, each from its <c>AIP_*</c> variable when set. On Vertex AI the storage location
/// is a gs:// URI whose objects the container downloads itself (<see cref="CloudStorage"/>); a
/// local path, for local runs of the container, is served as it is.
/// </summary>
public sealed record VertexAiContract(int? HttpPort, string? PredictRoute, string? HealthRoute, string? StorageUri)
{
    public const string HttpPortVariable = "AIP_HTTP_PORT";
    public const string PredictRouteVariable = "AIP_PREDICT_ROUTE";
    public const string HealthRouteVariable = "AIP_HEALTH_ROUTE";
    public const string StorageUriVariable = "AIP_STORAGE_URI";

    /// <summary><see cref="StorageUri"/> when it is a gs:// URI, else null.</summary>
    public GcsUri? CloudStorage { get; init; }

    public static VertexAiContract From(IHostApplicationBuilder builder)
    {
        var storage = builder.ReadSetting(StorageUriVariable) is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
        return new(
            int.TryParse(builder.ReadSetting(HttpPortVariable), out var port) ? port : null,
            Route(builder.ReadSetting(PredictRouteVariable)),
            Route(builder.ReadSetting(HealthRouteVariable)),
            storage)
        {
            CloudStorage = storage is not null && GcsUri.IsGcs(storage) ? CloudStorageOf(storage) : null,
        };
    }

    private static GcsUri CloudStorageOf(string storage)
    {
        try
        {
            return GcsUri.Parse(storage);
        }
        catch (FormatException e)
        {
            throw new InvalidOperationException($"{StorageUriVariable} cannot be downloaded: {e.Message}", e);
        }
    }

    private static string? Route(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : value.StartsWith('/') ? value : "/" + value;
}
