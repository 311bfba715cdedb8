using Google.Cloud.Storage.V1;

namespace MlOps.Predictor.Vertex;

/// <summary>
/// Where gs:// objects are read from: Google Cloud Storage with Application Default Credentials (on
/// Vertex AI, the deployed model's service account), or a stand-in speaking the Cloud Storage JSON
/// API over plain HTTP, reached without credentials.
/// </summary>
public sealed record CloudStorageEndpoint(Uri? StandIn)
{
    public static CloudStorageEndpoint GoogleCloud { get; } = new((Uri?)null);

    /// <summary>A JSON API stand-in at <paramref name="root"/> (the client calls <c>{root}/storage/v1/…</c> and <c>{root}/download/storage/v1/…</c>).</summary>
    public static CloudStorageEndpoint At(Uri root) => new(root);

    public Task<StorageClient> CreateClientAsync(CancellationToken cancellationToken) => (StandIn is null
        ? new StorageClientBuilder()
        : new StorageClientBuilder { BaseUri = new Uri(StandIn, "storage/v1/").ToString(), UnauthenticatedAccess = true })
        .BuildAsync(cancellationToken);
}
