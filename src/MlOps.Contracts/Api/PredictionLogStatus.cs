namespace MlOps.Contracts.Api;

/// <summary>Prediction log entries written, dropped because the queue was full, and waiting.</summary>
public sealed record PredictionLogStatus(long Written, long Dropped, int Queued);
