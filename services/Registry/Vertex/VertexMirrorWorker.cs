using Microsoft.Extensions.Options;
using MlOps.GoogleApis;

namespace MlOps.Registry.Vertex;

/// <summary>
/// Keeps the Vertex AI Model Registry following ours: what the registry records is mirrored on the
/// next pass, so a version registered while Vertex AI refused or was away is mirrored once it answers.
/// A failure (a refusal, Vertex AI or the database away) is logged once with its reason — a refusal says
/// what to grant — not at every pass, and the pass is tried again with backoff.
/// </summary>
public sealed class VertexMirrorWorker(IServiceScopeFactory scopes, IOptions<GoogleApiOptions> google, TimeProvider time, ILogger<VertexMirrorWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        string? lastProblem = null;
        var interval = TimeSpan.FromMilliseconds(google.Value.PollMilliseconds);
        var delay = interval;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<VertexMirror>().MirrorPendingAsync(stoppingToken);
                lastProblem = null;
                delay = interval;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                if (e.Message != lastProblem)
                {
                    logger.LogError("Mirroring into Vertex AI failed; it is tried again: {Problem}", e.Message);
                    lastProblem = e.Message;
                }

                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(60).Ticks));
            }

            try
            {
                await Task.Delay(delay, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
