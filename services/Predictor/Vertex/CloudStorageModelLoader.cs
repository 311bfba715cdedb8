using Microsoft.Extensions.Options;
using MlOps.Predictor.Serving;

namespace MlOps.Predictor.Vertex;

/// <summary>
/// Serves the package at a gs:// <c>AIP_STORAGE_URI</c>. Vertex AI hands the container the URI of a
/// copy of the model's artifacts, not a mount, so the objects under it are downloaded into a
/// temporary folder this loader owns (deleted when the Predictor stops), then served as a pinned
/// package. The download runs while the server already listens — Vertex AI's liveness probe is a TCP
/// connect — and the health route answers 503 until the package is served. A failure names
/// <c>AIP_STORAGE_URI</c> and the object, and stops the Predictor, so that the container ends with
/// the reason as its last log line instead of staying unready until Vertex AI gives up on it.
/// </summary>
public sealed class CloudStorageModelLoader(
    VertexAiContract vertex,
    StorageFolderDownloader downloader,
    EndpointRegistry endpoints,
    IOptions<PredictorOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<CloudStorageModelLoader> logger) : BackgroundService
{
    private volatile string? _folder;
    private volatile string? _problem;
    private volatile bool _serving;

    public GcsUri Source { get; } = vertex.CloudStorage ?? throw new InvalidOperationException($"{VertexAiContract.StorageUriVariable} is not a gs:// URI");

    /// <summary>Where the objects are downloaded, once the download has begun.</summary>
    public string? Folder => _folder;

    public bool Serving => _serving;

    /// <summary>Why the package is not served and never will be in this process, or null.</summary>
    public string? Problem => _problem;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Begin once the server listens: a failure then stops a started host, never its start.
        await StartedAsync(stoppingToken);
        try
        {
            var folder = _folder = Directory.CreateTempSubdirectory("mlops-vertex-").FullName;
            logger.LogInformation("Downloading {StorageUri} ({Variable}) into {Folder}", Source, VertexAiContract.StorageUriVariable, folder);
            var files = await downloader.DownloadAsync(Source, folder, stoppingToken);
            if (await StartupModelLoader.ServeAsync(endpoints, options.Value, folder, stoppingToken) is { } refusal)
            {
                throw new StorageDownloadException($"the package downloaded from it was refused: {refusal}");
            }

            _serving = true;
            logger.LogInformation("Serving {Model} from {StorageUri} ({Count} objects)", options.Value.DefaultModel, Source, files.Count);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            _problem = $"{VertexAiContract.StorageUriVariable} {Source}: {e.Message}";
            logger.LogCritical(e, "The Vertex AI model was not loaded: {Problem}", _problem);
            throw new InvalidOperationException(_problem, e);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            if (_folder is { } folder && Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning(e, "The download folder {Folder} was not deleted", _folder);
        }
    }

    private async Task StartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var whenStarted = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        using var whenStopping = stoppingToken.Register(() => started.TrySetCanceled(stoppingToken));
        await started.Task;
    }
}
