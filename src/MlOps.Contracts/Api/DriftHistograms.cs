namespace MlOps.Contracts.Api;

/// <summary>Each monitored feature of one watched version: its training baseline's distribution beside the current one.</summary>
public sealed record DriftHistograms(string Model, int Version, IReadOnlyList<FeatureHistogram> Features);
