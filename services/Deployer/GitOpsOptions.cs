using System.ComponentModel.DataAnnotations;

namespace MlOps.Deployer;

/// <summary>
/// Bound from <c>Deployer:GitOps</c>: the deploy build a <c>gitops</c> rollout runs. The renderer sets the trigger and
/// the branch from the environment (<c>mlops-deploy-{name}</c> on <c>env/{name}</c>); the project and region come from <c>MlOps:Google</c>.
/// </summary>
public sealed class GitOpsOptions
{
    /// <summary>The Cloud Build trigger that deploys the environment (its name or ID).</summary>
    public string? Trigger { get; set; }

    /// <summary>The environment branch the build checks out and commits the pin to.</summary>
    public string? Branch { get; set; }

    /// <summary>How the version takes traffic once its build succeeded: <c>immediate</c> or <c>canary</c>.</summary>
    public GitOpsRollout Rollout { get; set; } = GitOpsRollout.Immediate;

    /// <summary>A build still running after this long is cancelled and the rollout fails.</summary>
    [Range(10, 86_400)]
    public int BuildTimeoutSeconds { get; set; } = 1800;
}

/// <summary>How a gitops rollout's version takes traffic once its deploy build succeeded.</summary>
public enum GitOpsRollout
{
    Immediate,
    Canary,
}
