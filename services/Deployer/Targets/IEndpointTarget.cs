using MlOps.Contracts.Fleet;
using MlOps.Deployer.Fleet;

namespace MlOps.Deployer.Targets;

/// <summary>Where models serve: the Deployer sets each model's split there and reads back how the split was served.</summary>
public interface IEndpointTarget
{
    /// <summary>Makes <paramref name="split"/> the model's split (an empty split serves nothing of it); returns the split's generation.</summary>
    public Task<long> ApplyAsync(string model, IReadOnlyList<SplitEntry> split, CancellationToken cancellationToken);

    /// <summary>How one generation of the model's split is being served.</summary>
    public Task<FleetHealth> ReadAsync(string model, long generation, CancellationToken cancellationToken);
}
