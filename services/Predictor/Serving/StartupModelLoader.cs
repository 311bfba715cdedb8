using Microsoft.Extensions.Options;
using MlOps.Contracts.Fleet;

namespace MlOps.Predictor.Serving;

/// <summary>
/// Serves one package from start-up, following no Deployer: <c>Predictor:PackageUri</c> (a Cloud Run
/// revision pinned to a version) or a local-path <c>AIP_STORAGE_URI</c> (a local run of the Vertex AI
/// container). A gs:// <c>AIP_STORAGE_URI</c> is downloaded first, by <see cref="Vertex.CloudStorageModelLoader"/>.
/// </summary>
public sealed class StartupModelLoader(EndpointRegistry endpoints, IOptions<PredictorOptions> options, VertexAiContract vertex, ILogger<StartupModelLoader> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if ((settings.PackageUri ?? vertex.StorageUri) is not { } uri)
        {
            return;
        }

        if (await ServeAsync(endpoints, settings, uri, cancellationToken) is { } refusal)
        {
            // Refusing to start is better than serving nothing while reporting alive.
            logger.LogCritical("The start-up model {Uri} was refused: {Problem}", uri, refusal);
            throw new InvalidOperationException($"the start-up model {uri} was refused: {refusal}");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Serves the package at <paramref name="uri"/> alone, as <c>Predictor:DefaultModel</c>; returns why it was refused, or null.</summary>
    internal static async Task<string?> ServeAsync(EndpointRegistry endpoints, PredictorOptions settings, string uri, CancellationToken cancellationToken)
    {
        // A copy of a registered package (Vertex AI serves a copy of the model's artifacts) is named by the registered URI, so that its predictions are logged against it.
        if (settings.SourcePackageUri is { } source)
        {
            endpoints.Locate(source, uri);
        }

        var pinned = new DesiredState(1, [new ModelSplit(settings.DefaultModel, 1, [new SplitEntry(settings.Version, settings.SourcePackageUri ?? uri, 100)])]);
        return (await endpoints.ApplyAsync(pinned, cancellationToken)) is [var refusal, ..] ? refusal.Reason : null;
    }
}
