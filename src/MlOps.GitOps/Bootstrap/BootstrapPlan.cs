using System.Text;

namespace MlOps.GitOps.Bootstrap;

public sealed record BootstrapPlan(string Environment, string Project, IReadOnlyList<BootstrapStep> Steps)
{
    /// <summary>The plan as a bash script: what a dry run prints and what a real run executes, line by line.</summary>
    public string ToScript()
    {
        var script = new StringBuilder()
            .Append("#!/usr/bin/env bash\n")
            .Append($"# Bootstrap of environment '{Environment}' in project {Project}. Safe to run again: each create is guarded by a describe.\n")
            .Append("set -euo pipefail\n");
        foreach (var step in Steps)
        {
            script.Append('\n').Append("# ").Append(step.Description).Append('\n').Append(step.ToShell()).Append('\n');
        }

        return script.ToString();
    }
}
