using MlOps.Contracts.Fleet;
using MlOps.Deployer.Fleet;

namespace MlOps.Deployer.Targets;

/// <summary>The Predictor fleet: the split becomes the model's desired state, which every replica converges on and reports against.</summary>
public sealed class FleetTarget(DesiredStateStore desired, ReplicaReports reports) : IEndpointTarget
{
    public async Task<long> ApplyAsync(string model, IReadOnlyList<SplitEntry> split, CancellationToken cancellationToken)
    {
        if (split.Count == 0)
        {
            await desired.RemoveAsync(model, cancellationToken);
            return (await desired.FindAsync(model, cancellationToken))?.Generation ?? 0;
        }

        return await desired.SetAsync(model, split, cancellationToken);
    }

    public Task<FleetHealth> ReadAsync(string model, long generation, CancellationToken cancellationToken) =>
        reports.HealthAsync(model, generation, cancellationToken);
}
