using Microsoft.Extensions.Options;
using MlOps.Contracts.Api;

namespace MlOps.Predictor.Serving;

/// <summary>
/// Serves a package from start-up when one is configured: <c>Predictor:PackageUri</c> (a Cloud Run
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

        var problem = await endpoints.ApplyAsync(settings.DefaultModel, new TrafficUpdate([new TrafficTarget(settings.Version, uri, 100)]), cancellationToken);
        if (problem is not null)
        {
            // Refusing to start is better than serving nothing while reporting alive.
            logger.LogCritical("The start-up model {Uri} was refused: {Problem}", uri, problem);
            throw new InvalidOperationException($"the start-up model {uri} was refused: {problem}");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
