using MlOps.Contracts;

namespace MlOps.Cli.Loop;

/// <summary>What the loop did and whether it closed: drift detected, a better version trained, promoted and serving all traffic.</summary>
internal sealed record LoopResult(
    bool Closed,
    string? Problem,
    ModelTrained? First,
    DriftDetected? Drift,
    ModelTrained? Retrained,
    ModelPromoted? Promotion,
    DeploymentCompleted? Deployment,
    TimeSpan? DetectionDelay,
    TimeSpan? LoopLatency,
    int FalseAlarms,
    long Requests,
    long FailedRequests,
    IReadOnlyDictionary<string, long> FinalVersions,
    TimeSpan Total);
