namespace MlOps.GitOps.Bootstrap;

/// <summary>One shell command of a bootstrap; a create is guarded by a describe so running it again changes nothing.</summary>
public sealed record BootstrapStep(string Description, string Command, string? Guard = null)
{
    /// <summary>The line a shell runs: <c>describe || create</c>, or the command alone when it is idempotent by itself.</summary>
    public string ToShell() => Guard is null ? Command : $"{Guard} >/dev/null 2>&1 || {Command}";
}
