namespace MlOps.Contracts.Api;

/// <summary><c>POST /api/training</c> on the Trainer: ask for a new version of a model.</summary>
public sealed record TrainingRequest(string Model, string? Reason = null, string? DatasetPath = null, int? NewestSnapshots = null);
