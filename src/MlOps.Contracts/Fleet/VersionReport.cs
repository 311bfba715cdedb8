namespace MlOps.Contracts.Fleet;

/// <summary>
/// One version's counters on one replica since the model's split became <paramref name="Generation"/>:
/// answered requests and instances, failed scorings, latency and score histograms (bounds in
/// <see cref="FleetHistograms"/>), and for a shadow its comparison with the answers given.
/// </summary>
public sealed record VersionReport(
    string Model,
    int Version,
    long Generation,
    long Requests,
    long Instances,
    long Errors,
    IReadOnlyList<long> Latency,
    IReadOnlyList<long> Scores,
    ShadowReport? Shadow = null);
