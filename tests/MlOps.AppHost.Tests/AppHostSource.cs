using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace MlOps.AppHost.Tests;

/// <summary>The AppHost read as text: its resources, the variables it sets and the projects it references.</summary>
internal sealed partial class AppHostSource
{
    public const string Folder = "AppHost";
    public const string Project = "AppHost/MlOps.AppHost.csproj";

    private AppHostSource(IReadOnlyList<string> files, IReadOnlyList<AppHostResource> resources, IReadOnlyList<string> projectReferences)
    {
        Files = files;
        Resources = resources;
        ProjectReferences = projectReferences;
    }

    /// <summary>The text of every AppHost/*.cs file.</summary>
    public IReadOnlyList<string> Files { get; }

    public IReadOnlyList<AppHostResource> Resources { get; }

    /// <summary>The AppHost's ProjectReferences, relative to the repository root.</summary>
    public IReadOnlyList<string> ProjectReferences { get; }

    public IEnumerable<AppHostResource> Projects => Resources.Where(r => r.ProjectType is not null);

    public static AppHostSource Load()
    {
        var files = Directory.EnumerateFiles(Repository.PathOf(Folder), "*.cs").Order().Select(File.ReadAllText).ToList();
        var resources = files.SelectMany(code => Resource().Matches(code))
            .Select(m => new AppHostResource(
                m.Groups["name"].Value,
                m.Groups["var"].Success ? m.Groups["var"].Value : null,
                m.Groups["type"].Success ? m.Groups["type"].Value : null,
                m.Groups["chain"].Value))
            .ToList();
        var references = XDocument.Load(Repository.PathOf(Project)).Descendants("ProjectReference")
            .Select(r => Repository.Relative(Path.Combine(Repository.PathOf(Folder), r.Attribute("Include")!.Value.Replace('\\', '/'))))
            .ToList();
        return new AppHostSource(files, resources, references);
    }

    /// <summary>The first argument of every <c>WithEnvironment(…)</c>: a literal key, or null when it is not one.</summary>
    public IEnumerable<(string? Key, string Value)> EnvironmentVariables() =>
        Files.SelectMany(code => WithEnvironment().Matches(code))
            .Select(m => (m.Groups["key"].Success ? m.Groups["key"].Value : null, m.Groups["value"].Value.Trim()));

    /// <summary>Whether a resource's chain sets <paramref name="variable"/> itself or through an extension method that sets it.</summary>
    public bool Sets(AppHostResource resource, string variable)
    {
        var call = $"WithEnvironment(\"{variable}\"";
        var helpers = Files.SelectMany(code => AllIndexesOf(code, call).Select(i => ExtensionMethod().Matches(code[..i]).LastOrDefault()?.Groups["method"].Value))
            .OfType<string>();
        return resource.Chain.Contains(call, StringComparison.Ordinal) || helpers.Any(h => resource.Chain.Contains($".{h}(", StringComparison.Ordinal));
    }

    public AppHostResource? ProjectResource(string projectReference) =>
        Projects.SingleOrDefault(r => r.ProjectType == ProjectsClassName(projectReference));

    public AppHostResource? Named(string name) => Resources.SingleOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The name of the <c>Projects.*</c> type Aspire generates for a project file (Aspire.Hosting.AppHost.targets).</summary>
    public static string ProjectsClassName(string projectFile) =>
        GeneratedClassNameFixup().Replace(Path.GetFileNameWithoutExtension(projectFile), "_");

    private static IEnumerable<int> AllIndexesOf(string text, string value)
    {
        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + 1, StringComparison.Ordinal))
        {
            yield return i;
        }
    }

    [GeneratedRegex("""(?:var\s+(?<var>\w+)\s*=\s*)?builder\s*\.\s*Add\w+(?:<Projects\.(?<type>\w+)>)?\(\s*"(?<name>[^"]+)"[^;]*?\)(?<chain>[^;]*);""")]
    private static partial Regex Resource();

    [GeneratedRegex("""WithEnvironment\(\s*(?:"(?<key>[^"]+)"\s*,)?(?<value>[^\n]*)""")]
    private static partial Regex WithEnvironment();

    [GeneratedRegex("""static\s+\S+\s+(?<method>\w+)\(\s*this\b""")]
    private static partial Regex ExtensionMethod();

    [GeneratedRegex("""(((?<=\.)|^)(?=\d)|\W)""")]
    private static partial Regex GeneratedClassNameFixup();
}
