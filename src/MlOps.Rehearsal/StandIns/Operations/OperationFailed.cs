namespace MlOps.Rehearsal.StandIns.Operations;

internal sealed record OperationFailed(RpcCode Code, string Message) : OperationResult;
