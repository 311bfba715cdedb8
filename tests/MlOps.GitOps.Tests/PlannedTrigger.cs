using System.Text.RegularExpressions;
using MlOps.GitOps.Bootstrap;
using MlOps.GitOps.Loading;

namespace MlOps.GitOps.Tests;

/// <summary>A Cloud Build trigger as bootstrap creates it, read back from the command line the plan runs.</summary>
internal sealed partial record PlannedTrigger(string Environment, string Name, string BuildConfig, IReadOnlyList<string> Substitutions)
{
    /// <summary>Every trigger the bootstrap of every environment in the repository creates.</summary>
    public static IReadOnlyList<PlannedTrigger> All() => All(RepositoryFiles.Environments);

    /// <summary>Every trigger the bootstrap of every environment in <paramref name="folder"/> creates.</summary>
    public static IReadOnlyList<PlannedTrigger> All(EnvironmentsFolder folder) =>
        folder.Names()
            .SelectMany(environment => BootstrapPlanner.Plan(EnvironmentLoader.LoadValid(folder, environment)).Steps
                .Select(step => step.Command)
                .Where(command => command.StartsWith("gcloud builds triggers create ", StringComparison.Ordinal))
                .Select(command => Read(environment, command)))
            .ToList();

    public static PlannedTrigger Find(string environment, string name) => All().Single(t => t.Environment == environment && t.Name == name);

    private static PlannedTrigger Read(string environment, string command)
    {
        var substitutions = Flag(command, "substitutions") is { } pairs ? pairs.Split(',').Select(p => p.Split('=', 2)[0]).ToList() : [];
        return new PlannedTrigger(environment, Flag(command, "name")!, Flag(command, "build-config")!, substitutions);
    }

    private static string? Flag(string command, string name)
    {
        var match = FlagPattern().Matches(command).FirstOrDefault(m => m.Groups["flag"].Value == name);
        return match?.Groups["value"].Value.Trim('\'');
    }

    [GeneratedRegex(@"--(?<flag>[a-z-]+)=(?<value>'[^']*'|\S+)")]
    private static partial Regex FlagPattern();
}
