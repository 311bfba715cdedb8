namespace MlOps.Rehearsal.Manifests;

/// <summary>One container variable: a literal value, or a Secret Manager secret (<paramref name="Secret"/>, version <paramref name="Version"/>).</summary>
public sealed record ManifestEnv(string Name, string? Value, string? Secret = null, string? Version = null);
