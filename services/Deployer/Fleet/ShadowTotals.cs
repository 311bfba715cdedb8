namespace MlOps.Deployer.Fleet;

/// <summary>A shadow's comparisons summed over the replicas: instances compared, labels agreed, scorings failed, and the served scores of the same instances.</summary>
public sealed record ShadowTotals(long Compared, long Agreed, long Errors, long[] ServedScores);
