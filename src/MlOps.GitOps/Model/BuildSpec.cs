namespace MlOps.GitOps.Model;

/// <summary>Cloud Build for the environment: the GitHub repository, the identity builds run as, and whether CI lives here.</summary>
public sealed record BuildSpec(string GitHubOwner, string GitHubRepo, string ServiceAccount, IReadOnlyList<string> Roles, bool Ci);
