namespace MlOps.Contracts.Api;

/// <summary>A training request that produced no version, with its first problems and how many there were in all.</summary>
public sealed record FailureView(Guid RequestId, string Reason, long ErrorCount, IReadOnlyList<string> Errors, DateTime FailedAt);
