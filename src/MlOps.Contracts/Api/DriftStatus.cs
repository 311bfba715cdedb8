namespace MlOps.Contracts.Api;

/// <summary>One model's drift status: each watched version's last window, and recent alerts, newest first.</summary>
public sealed record DriftStatus(string Model, int? Serving, IReadOnlyList<VersionDrift> Versions, IReadOnlyList<DriftDetected> Alerts);
