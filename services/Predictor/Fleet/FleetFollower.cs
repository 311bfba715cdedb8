using Microsoft.Extensions.Options;
using MlOps.Predictor.Serving;

namespace MlOps.Predictor.Fleet;

/// <summary>
/// Keeps this replica on the Deployer's desired state: fetches it at start, then long-polls for the
/// next revision and applies each one. When the Deployer cannot be reached the replica keeps serving
/// what it has and tries again with backoff.
/// </summary>
public sealed class FleetFollower(
    DeployerClient deployer,
    EndpointRegistry endpoints,
    FleetLink link,
    FleetReporter reporter,
    IOptions<PredictorOptions> options,
    TimeProvider time,
    ILogger<FleetFollower> logger) : BackgroundService
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan LastRetry = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        link.Follow();
        var wait = TimeSpan.FromSeconds(options.Value.Fleet.WaitSeconds);
        var retry = FirstRetry;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var known = endpoints.AppliedAt is null ? -1 : endpoints.Revision;
                var desired = await deployer.DesiredAsync(known, wait, stoppingToken);
                if (link.Contact(time.GetUtcNow()))
                {
                    logger.LogInformation("The Deployer is reachable again");
                }

                if (desired.Revision != known)
                {
                    var refusals = await endpoints.ApplyAsync(desired, stoppingToken);
                    reporter.ReportSoon();
                    foreach (var refusal in refusals)
                    {
                        logger.LogError("Refused {Model} v{Version} of generation {Generation}: {Reason}", refusal.Model, refusal.Version, refusal.Generation, refusal.Reason);
                    }
                }

                retry = FirstRetry;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested && e is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
            {
                if (link.Lost(e.Message))
                {
                    logger.LogWarning("The Deployer cannot be reached ({Problem}); serving revision {Revision} until it can", e.Message, endpoints.Revision);
                }

                await Task.Delay(retry, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
                retry = TimeSpan.FromTicks(Math.Min(LastRetry.Ticks, retry.Ticks * 2));
            }
        }
    }
}
