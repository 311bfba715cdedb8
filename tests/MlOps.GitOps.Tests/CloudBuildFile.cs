using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace MlOps.GitOps.Tests;

/// <summary>A Cloud Build config parsed with YamlDotNet, with the step graph Cloud Build runs.</summary>
internal sealed partial class CloudBuildFile
{
    private static readonly HashSet<string> BuiltIns =
    [
        "PROJECT_ID", "PROJECT_NUMBER", "BUILD_ID", "LOCATION", "TRIGGER_NAME", "COMMIT_SHA", "REVISION_ID", "SHORT_SHA",
        "REPO_NAME", "REPO_FULL_NAME", "BRANCH_NAME", "TAG_NAME", "REF_NAME", "TRIGGER_BUILD_CONFIG_PATH", "SERVICE_ACCOUNT_EMAIL", "SERVICE_ACCOUNT",
        "_HEAD_BRANCH", "_BASE_BRANCH", "_HEAD_REPO_URL", "_PR_NUMBER",
    ];

    private CloudBuildFile(YamlMappingNode root) => Root = root;

    public YamlMappingNode Root { get; }

    public IReadOnlyList<YamlMappingNode> Steps => ((YamlSequenceNode)Root["steps"]).Children.Cast<YamlMappingNode>().ToList();

    public IReadOnlyList<string> Ids => Steps.Select(s => Scalar(s, "id")!).ToList();

    public static CloudBuildFile Load(string relative)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(Repository.Read(relative)));
        return new CloudBuildFile((YamlMappingNode)stream.Documents.Single().RootNode);
    }

    /// <summary>Every step <paramref name="id"/> waits for, directly or not: its waitFor list, or else every step before it.</summary>
    public IReadOnlySet<string> Before(string id)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([id]);
        while (pending.TryPop(out var current))
        {
            foreach (var dependency in DirectDependencies(current).Where(result.Add))
            {
                pending.Push(dependency);
            }
        }

        return result;
    }

    public string Script(string id) => string.Join("\n", Args(Step(id)));

    public IEnumerable<string> Args(YamlMappingNode step) =>
        step.Children.TryGetValue(new YamlScalarNode("args"), out var args) ? ((YamlSequenceNode)args).Children.Cast<YamlScalarNode>().Select(a => a.Value!) : [];

    public YamlMappingNode Step(string id) => Steps.Single(s => Scalar(s, "id") == id);

    /// <summary>Substitutions written with one <c>$</c> that are neither built in nor declared (a shell variable missing its <c>$$</c>).</summary>
    public IReadOnlyList<string> UnknownSubstitutions()
    {
        var declared = Root.Children.TryGetValue(new YamlScalarNode("substitutions"), out var node)
            ? ((YamlMappingNode)node).Children.Keys.Cast<YamlScalarNode>().Select(k => k.Value!).ToHashSet()
            : [];
        var text = string.Join("\n", Steps.SelectMany(s => Args(s).Append(Scalar(s, "name") ?? "")));
        return Substitution().Matches(text.Replace("$$", "", StringComparison.Ordinal))
            .Select(m => m.Groups["name"].Value)
            .Where(name => !BuiltIns.Contains(name) && !declared.Contains(name))
            .Distinct()
            .ToList();
    }

    public static string? Scalar(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? (node as YamlScalarNode)?.Value : null;

    private IEnumerable<string> DirectDependencies(string id)
    {
        var index = Ids.ToList().IndexOf(id);
        var step = Steps[index];
        if (step.Children.TryGetValue(new YamlScalarNode("waitFor"), out var waitFor))
        {
            return ((YamlSequenceNode)waitFor).Children.Cast<YamlScalarNode>().Select(s => s.Value!).Where(v => v != "-");
        }

        return Ids.Take(index);
    }

    [GeneratedRegex(@"\$\{?(?<name>[A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex Substitution();
}
