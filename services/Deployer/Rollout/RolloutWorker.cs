using Microsoft.Extensions.Options;

namespace MlOps.Deployer.Rollout;

/// <summary>Drives the rollout engine on a short interval for as long as the Deployer runs.</summary>
public sealed class RolloutWorker(IServiceScopeFactory scopes, RolloutLock rollouts, IOptions<DeployerOptions> options, TimeProvider time, ILogger<RolloutWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromMilliseconds(options.Value.PollMilliseconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                using var held = await rollouts.AcquireAsync(stoppingToken);
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<RolloutEngine>().StepAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "A rollout step failed; it is tried again");
            }

            try
            {
                await Task.Delay(interval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
