namespace MlOps.Contracts;

public sealed record ModelRejected(string Model, int Version, GateVerdict Verdict, DateTimeOffset RejectedAt);
