namespace MlOps.Contracts.Api;

/// <summary><c>PUT /api/models/{name}/aliases/champion</c>: make a version champion by hand.</summary>
public sealed record ManualPromotion(int Version, string? Reason = null);
