using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace MlOps.GitOps.Tests;

/// <summary>The README's project graph is the graph the .csproj files build.</summary>
public sealed partial class ProjectGraphTests
{
    private static readonly string[] Modules = ["MlOps.Trainer", "MlOps.Registry", "MlOps.Deployer", "MlOps.Predictor", "MlOps.DriftWatcher"];

    [Fact]
    public void The_project_graph_in_the_README_matches_the_project_references()
    {
        var documented = Documented();
        var built = Built();

        var missing = built.Keys.Except(documented.Keys).ToList();
        var unknown = documented.Keys.Except(built.Keys).ToList();
        var different = built.Keys.Intersect(documented.Keys)
            .Where(p => !built[p].SetEquals(documented[p]))
            .Select(p => $"{p}: README [{string.Join(", ", documented[p].Order())}], .csproj [{string.Join(", ", built[p].Order())}]")
            .ToList();

        Assert.True(missing.Count == 0 && unknown.Count == 0 && different.Count == 0,
            $"not in the README: [{string.Join(", ", missing)}]; in the README but not built: [{string.Join(", ", unknown)}]\n{string.Join("\n", different)}");
    }

    /// <summary>Every project outside tests/ and bench/, with the projects it references.</summary>
    private static Dictionary<string, HashSet<string>> Built() =>
        Directory.EnumerateFiles(Repository.Root, "*.csproj", SearchOption.AllDirectories)
            .Where(p => !Excluded(Path.GetRelativePath(Repository.Root, p)))
            .ToDictionary(
                p => Path.GetFileNameWithoutExtension(p),
                p => XDocument.Load(p).Descendants("ProjectReference").Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value.Replace('\\', '/'))).ToHashSet());

    private static bool Excluded(string relative) =>
        relative.StartsWith("tests/", StringComparison.Ordinal) || relative.StartsWith("bench/", StringComparison.Ordinal)
        || relative.Split('/').Any(part => part is "bin" or "obj" or ".tools");

    /// <summary>The README's list: "- `A`, `B` → `C`, the five modules, its module, nothing of ours".</summary>
    private static Dictionary<string, HashSet<string>> Documented()
    {
        var readme = Repository.Read("README.md");
        var section = readme[readme.IndexOf("**Project graph**", StringComparison.Ordinal)..];
        var graph = new Dictionary<string, HashSet<string>>();
        foreach (var line in section.Split('\n').Skip(1).SkipWhile(l => !l.StartsWith("- ", StringComparison.Ordinal)).TakeWhile(l => l.StartsWith("- ", StringComparison.Ordinal)))
        {
            var sides = line[2..].Split('→');
            foreach (var project in Names(sides[0]))
            {
                var references = Names(sides[1]).ToHashSet();
                if (sides[1].Contains("the five modules", StringComparison.Ordinal))
                {
                    references.UnionWith(Modules);
                }

                if (sides[1].Contains("its module", StringComparison.Ordinal))
                {
                    references.Add(project[..^".Host".Length]);
                }

                if (sides[1].Contains("the five hosts", StringComparison.Ordinal))
                {
                    references.UnionWith(Modules.Select(m => m + ".Host"));
                }

                graph[project] = references;
            }
        }

        return graph;
    }

    private static IEnumerable<string> Names(string text) => Code().Matches(text).Select(m => m.Groups[1].Value);

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex Code();
}
