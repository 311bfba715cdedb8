namespace MlOps.Contracts;

/// <summary>The gate made this version the champion; the Deployer rolls it out.</summary>
public sealed record ModelPromoted(
    string Model,
    int Version,
    string PackageUri,
    int? PreviousVersion,
    GateVerdict Verdict,
    DateTimeOffset PromotedAt);
