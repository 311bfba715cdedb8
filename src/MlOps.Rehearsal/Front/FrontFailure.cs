namespace MlOps.Rehearsal.Front;

/// <summary>A request the front could not complete: the replica it was on (null when none was available), when it started (a <see cref="System.Diagnostics.Stopwatch"/> timestamp), the status sent back and why.</summary>
public sealed record FrontFailure(string? Replica, long StartedAt, int Status, string Problem);
