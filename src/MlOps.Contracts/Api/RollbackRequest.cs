namespace MlOps.Contracts.Api;

/// <summary><c>POST /api/deployments/{model}/rollback</c>: why the newest version is taken out of traffic.</summary>
public sealed record RollbackRequest(string? Reason = null);
