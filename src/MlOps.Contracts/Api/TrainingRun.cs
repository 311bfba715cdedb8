namespace MlOps.Contracts.Api;

/// <summary>One finished training run, as <c>GET /api/training/runs</c> lists it.</summary>
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
    string? Problem);
