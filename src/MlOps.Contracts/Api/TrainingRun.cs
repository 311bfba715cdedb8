namespace MlOps.Contracts.Api;

/// <summary>
/// One finished training run, as <c>GET /api/training/runs</c> lists it: <paramref name="Problem"/> is a failed run's
/// first error and <paramref name="Errors"/> every one the failure carried; <paramref name="DriftAlertId"/> the alert a
/// drift retraining answers; <paramref name="Version"/> the version the Registry made of it, once the Trainer has heard.
/// </summary>
public sealed record TrainingRun(
    Guid RequestId,
    string Model,
    string Reason,
    TrainingRunOutcome Outcome,
    double? Auc,
    double? ChampionAuc,
    string? PackageUri,
    double Seconds,
    DateTimeOffset FinishedAt,
    string? Problem,
    Guid? DriftAlertId = null,
    IReadOnlyList<string>? Errors = null,
    int? Version = null);
