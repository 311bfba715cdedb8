using Microsoft.Extensions.Options;
using MlOps.Contracts.Fleet;
using MlOps.Predictor.Serving;

namespace MlOps.Predictor.Fleet;

/// <summary>Tells the Deployer about this replica every report interval (and at once after each change): what it serves, each version's counters, what it refused.</summary>
public sealed class FleetReporter(
    DeployerClient deployer,
    EndpointRegistry endpoints,
    ReplicaIdentity replica,
    IOptions<PredictorOptions> options,
    ILogger<FleetReporter> logger) : BackgroundService
{
    private readonly SemaphoreSlim _soon = new(0, 1);

    /// <summary>Asks for a report now rather than at the next interval.</summary>
    public void ReportSoon()
    {
        if (_soon.CurrentCount == 0)
        {
            try
            {
                _soon.Release();
            }
            catch (SemaphoreFullException)
            {
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromMilliseconds(options.Value.Fleet.ReportMilliseconds);
        var failing = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await _soon.WaitAsync(interval, stoppingToken);
                await deployer.ReportAsync(new ReplicaReport(replica.Id, replica.Host, replica.StartedAt, endpoints.Revision, endpoints.Report(), endpoints.Refusals), stoppingToken);
                failing = false;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                if (!failing)
                {
                    logger.LogWarning("Could not report to the Deployer: {Problem}", e.Message);
                }

                failing = true;
            }
        }
    }
}
