namespace MlOps.Contracts.Api;

/// <summary>
/// <c>POST /api/training</c> on the Trainer: ask for a new version of a model. <paramref name="Reason"/> is one of
/// <see cref="TrainingReasons"/> (manual when left out); a drift retraining names the alert it answers in <paramref name="DriftAlertId"/>.
/// </summary>
public sealed record TrainingRequest(string Model, string? Reason = null, string? DatasetPath = null, int? NewestSnapshots = null, Guid? DriftAlertId = null);
