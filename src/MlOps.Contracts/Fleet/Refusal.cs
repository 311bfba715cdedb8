namespace MlOps.Contracts.Fleet;

/// <summary>A version a replica would not serve: its package could not be loaded or does not reproduce its evaluation.</summary>
public sealed record Refusal(string Model, int Version, long Generation, string Reason);
