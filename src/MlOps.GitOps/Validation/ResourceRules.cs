using System.Globalization;
using System.Text.RegularExpressions;
using MlOps.GitOps.Model;

namespace MlOps.GitOps.Validation;

/// <summary>CPU and memory limits Cloud Run (second-generation execution environment) accepts.</summary>
internal static partial class ResourceRules
{
    private static readonly int[] Cpus = [1, 2, 4, 6, 8];

    public static void Check(ProblemReporter report, ServiceSpec service, string path)
    {
        var cpu = int.TryParse(service.Cpu, NumberStyles.None, CultureInfo.InvariantCulture, out var c) && Cpus.Contains(c) ? c : (int?)null;
        if (cpu is null)
        {
            report.Add($"{path}.cpu", $"'{service.Cpu}' is not a CPU limit; use one of {string.Join(", ", Cpus)}");
        }

        var memory = MemoryMiB(service.Memory);
        if (memory is null)
        {
            report.Add($"{path}.memory", $"'{service.Memory}' is not a memory limit like 512Mi or 2Gi");
            return;
        }

        if (memory is < 512 or > 32 * 1024)
        {
            report.Add($"{path}.memory", $"{service.Memory} is outside 512Mi to 32Gi (the second-generation execution environment needs at least 512Mi)");
            return;
        }

        if (cpu is { } cores && (MinimumMemoryMiB(cores) > memory || MinimumCpu(memory.Value) > cores))
        {
            report.Add($"{path}.memory", $"{service.Memory} with {cores} CPU is not a combination Cloud Run accepts ({cores} CPU needs at least {MinimumMemoryMiB(cores) / 1024.0:0.#}Gi; {service.Memory} needs at least {MinimumCpu(memory.Value)} CPU)");
        }
    }

    public static int? MemoryMiB(string text)
    {
        var match = MemoryPattern().Match(text);
        if (!match.Success)
        {
            return null;
        }

        var amount = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return match.Groups[2].Value == "Gi" ? amount * 1024 : amount;
    }

    private static int MinimumMemoryMiB(int cpu) => cpu switch
    {
        >= 6 => 4096,
        4 => 2048,
        _ => 512,
    };

    private static int MinimumCpu(int memoryMiB) => memoryMiB switch
    {
        > 24 * 1024 => 8,
        > 16 * 1024 => 6,
        > 8 * 1024 => 4,
        > 4 * 1024 => 2,
        _ => 1,
    };

    [GeneratedRegex("^([1-9][0-9]{0,5})(Mi|Gi)$")]
    private static partial Regex MemoryPattern();
}
