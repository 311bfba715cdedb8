using System.Diagnostics;

namespace MlOps.GitOps.Bootstrap;

/// <summary>Runs one line with <c>bash -euo pipefail -c</c>, inheriting the console.</summary>
public static class BashShell
{
    public static int Run(string line, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("bash") { UseShellExecute = false };
        foreach (var argument in new[] { "-euo", "pipefail", "-c", line })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start bash");
        process.WaitForExit();
        return process.ExitCode;
    }
}
