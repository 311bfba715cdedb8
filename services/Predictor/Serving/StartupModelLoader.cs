using Microsoft.Extensions.Options;
using MlOps.Contracts.Fleet;

namespace MlOps.Predictor.Serving;

/// <summary>
/// Serves one package from start-up, following no Deployer: <c>Predictor:PackageUri</c> (a Cloud Run
/// revision pinned to a version) or <c>AIP_STORAGE_URI</c> (a Vertex AI endpoint).
/// </summary>
public sealed class StartupModelLoader(EndpointRegistry endpoints, IOptions<PredictorOptions> options, VertexAiContract vertex, ILogger<StartupModelLoader> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var uri = settings.PackageUri ?? (vertex.StorageUri is { } storage ? VertexAiContract.LocalPath(storage) : null);
        if (uri is null)
        {
            return;
        }

        var pinned = new DesiredState(1, [new ModelSplit(settings.DefaultModel, 1, [new SplitEntry(settings.Version, uri, 100)])]);
        if ((await endpoints.ApplyAsync(pinned, cancellationToken)) is [var refusal, ..])
        {
            // Refusing to start is better than serving nothing while reporting alive.
            logger.LogCritical("The start-up model {Uri} was refused: {Problem}", uri, refusal.Reason);
            throw new InvalidOperationException($"the start-up model {uri} was refused: {refusal.Reason}");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
