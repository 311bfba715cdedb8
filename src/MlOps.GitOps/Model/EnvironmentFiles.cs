namespace MlOps.GitOps.Model;

/// <summary>The two files an environment is made of, as shown to the user.</summary>
public sealed record EnvironmentFiles(string Base, string Overlay);
