namespace MlOps.Contracts.Api;

/// <summary>A model's closed windows, oldest first: the newest 200 of each watched version, or of the one asked for.</summary>
public sealed record DriftHistory(string Model, IReadOnlyList<DriftWindow> Windows);
