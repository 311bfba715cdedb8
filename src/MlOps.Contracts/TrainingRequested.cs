namespace MlOps.Contracts;

/// <summary>Asks the Trainer for a new model version. <paramref name="Reason"/> is initial, manual, schedule or drift.</summary>
public sealed record TrainingRequested(
    Guid RequestId,
    string Model,
    string Reason,
    DateTimeOffset RequestedAt,
    string? DatasetPath = null,
    int? NewestSnapshots = null,
    Guid? DriftAlertId = null);
