namespace MlOps.GitOps.Bootstrap;

/// <summary>A custom role bootstrap creates in an environment's project, with exactly <see cref="Permissions"/>.</summary>
public sealed record CustomRole(string Id, string Title, IReadOnlyList<string> Permissions)
{
    /// <summary>The role as a binding names it: <c>projects/{project}/roles/{Id}</c>.</summary>
    public string Name(string project) => $"projects/{project}/roles/{Id}";
}
