namespace MlOps.GitOps.Bootstrap;

/// <summary>Runs a plan step by step and stops at the first step that fails.</summary>
public static class BootstrapRunner
{
    /// <param name="shell">Runs one shell line and returns its exit code; bash by default.</param>
    /// <returns>The step that failed, or null when every step succeeded.</returns>
    public static BootstrapStep? Run(BootstrapPlan plan, TextWriter log, Func<string, int>? shell = null)
    {
        shell ??= line => BashShell.Run(line);
        foreach (var step in plan.Steps)
        {
            log.WriteLine($"# {step.Description}");
            log.WriteLine(step.ToShell());
            if (shell(step.ToShell()) != 0)
            {
                return step;
            }
        }

        return null;
    }
}
