namespace MlOps.Rehearsal.StandIns.Operations;

/// <summary>Applies what an operation does to the stand-in's records and says how it ended; called under the state's gate.</summary>
internal delegate OperationResult OperationCommit(OperationRecord operation);
