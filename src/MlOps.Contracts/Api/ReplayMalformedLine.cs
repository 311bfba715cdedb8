namespace MlOps.Contracts.Api;

/// <summary>A line of a log archive that was set aside: its file (relative to the replayed folder), line number and why.</summary>
public sealed record ReplayMalformedLine(string File, long Line, string Problem);
