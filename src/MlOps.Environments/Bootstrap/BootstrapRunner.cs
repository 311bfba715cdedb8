using System.Diagnostics;

namespace MlOps.Environments.Bootstrap;

/// <summary>Runs a plan step by step through bash and stops at the first step that fails.</summary>
public static class BootstrapRunner
{
    /// <returns>The step that failed, or null when every step succeeded.</returns>
    public static BootstrapStep? Run(BootstrapPlan plan, TextWriter log, Func<string, int>? shell = null)
    {
        shell ??= Bash;
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

    private static int Bash(string line)
    {
        var start = new ProcessStartInfo("bash") { UseShellExecute = false };
        start.ArgumentList.Add("-euo");
        start.ArgumentList.Add("pipefail");
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(line);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start bash");
        process.WaitForExit();
        return process.ExitCode;
    }
}
