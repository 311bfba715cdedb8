namespace MlOps.Contracts.Api;

/// <summary>A training request that produced no version, with every problem its <see cref="TrainingFailed"/> carried and how many were found in all.</summary>
public sealed record FailureView(Guid RequestId, string Reason, long ErrorCount, IReadOnlyList<string> Errors, DateTime FailedAt);
