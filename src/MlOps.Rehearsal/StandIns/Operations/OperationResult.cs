namespace MlOps.Rehearsal.StandIns.Operations;

/// <summary>How a long-running operation ended: <see cref="OperationSucceeded"/> or <see cref="OperationFailed"/>.</summary>
internal abstract record OperationResult;
