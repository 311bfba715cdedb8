using System.Text;

namespace MlOps.GitOps.Bootstrap;

/// <summary>The steps that prepare an environment's project, with the APIs they enable and the roles they grant to each account.</summary>
public sealed record BootstrapPlan(
    string Environment,
    string Project,
    IReadOnlyList<string> Apis,
    IReadOnlyList<AccessGrant> Grants,
    IReadOnlyList<BootstrapStep> Steps)
{
    /// <summary>The grants per account, each account in the order the plan first grants it something.</summary>
    public IReadOnlyList<IGrouping<string, AccessGrant>> Accounts => [.. Grants.GroupBy(g => g.Account)];

    /// <summary>The plan as a bash script: what a dry run prints and what a real run executes, line by line.</summary>
    public string ToScript()
    {
        var script = new StringBuilder()
            .Append("#!/usr/bin/env bash\n")
            .Append($"# Bootstrap of environment '{Environment}' in project {Project}. Safe to run again: each create is guarded by a describe.\n")
            .Append('#').Append('\n')
            .Append($"# APIs: {string.Join(", ", Apis)}\n")
            .Append("# Roles per account (a custom role with its permissions):\n");
        foreach (var account in Accounts)
        {
            script.Append($"#   {account.Key}\n");
            foreach (var grant in account)
            {
                script.Append($"#     {grant.Role} on {grant.Resource}").Append(grant.Custom ? $": {string.Join(", ", grant.Permissions)}" : "").Append('\n');
            }
        }

        script.Append("set -euo pipefail\n");
        foreach (var step in Steps)
        {
            script.Append('\n').Append("# ").Append(step.Description).Append('\n').Append(step.ToShell()).Append('\n');
        }

        return script.ToString();
    }
}
