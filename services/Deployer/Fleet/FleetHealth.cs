using MlOps.Contracts.Fleet;

namespace MlOps.Deployer.Fleet;

/// <summary>
/// One generation of a model's split as the fleet served it: how many replicas are live and how many
/// of them serve that generation, what every replica (live or gone) counted per version, and refusals.
/// </summary>
public sealed record FleetHealth(int LiveReplicas, int Converged, IReadOnlyList<VersionTotals> Versions, IReadOnlyList<Refusal> Refusals)
{
    public VersionTotals? Find(int version) => Versions.FirstOrDefault(v => v.Version == version);
}
