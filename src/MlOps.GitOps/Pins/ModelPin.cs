namespace MlOps.GitOps.Pins;

/// <summary>The version of a model an environment serves, as its deploy build recorded it for a gitops rollout.</summary>
public sealed record ModelPin(string Model, int Version, string Package, string? Deployment);
