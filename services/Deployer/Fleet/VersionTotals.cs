namespace MlOps.Deployer.Fleet;

/// <summary>A version's counters summed over the replicas that served one generation of its split.</summary>
public sealed record VersionTotals(int Version, long Requests, long Instances, long Errors, long[] Latency, long[] Scores, ShadowTotals? Shadow);
