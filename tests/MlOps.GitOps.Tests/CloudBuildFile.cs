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

    /// <summary>The build files at the repository root: cloudbuild.yaml and every cloudbuild-*.yaml.</summary>
    public static IReadOnlyList<string> All =>
        Directory.GetFiles(Repository.Root, "cloudbuild*.yaml").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList();

    public static CloudBuildFile Load(string relative) => Parse(Repository.Read(relative));

    public static CloudBuildFile Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
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

    /// <summary>The user substitutions the file declares, with their defaults (the <c>substitutions:</c> block).</summary>
    public IReadOnlyDictionary<string, string> Declared =>
        Root.Children.TryGetValue(new YamlScalarNode("substitutions"), out var node)
            ? ((YamlMappingNode)node).Children.ToDictionary(e => ((YamlScalarNode)e.Key).Value!, e => ((YamlScalarNode)e.Value).Value ?? "", StringComparer.Ordinal)
            : new Dictionary<string, string>();

    /// <summary>Every name written as <c>$NAME</c> or <c>${NAME}</c> in any value of the file (<c>$$</c> is an escaped dollar).</summary>
    public IReadOnlySet<string> Used => Values(Root, skip: "substitutions")
        .SelectMany(value => Substitution().Matches(Unescaped(value)).Select(m => m.Groups["name"].Value))
        .ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// What Cloud Build's default substitutionOption, MUST_MATCH, refuses for a build of this file given the user
    /// substitutions a trigger (or <c>gcloud builds submit --substitutions</c>) passes: a passed <c>_X</c> that the file
    /// never uses, a <c>$_X</c> that is neither declared nor passed, a <c>$NAME</c> that is no built-in, and a passed key
    /// that is not of the form <c>_[A-Z0-9_]+</c>.
    /// </summary>
    public IReadOnlyList<string> MustMatchProblems(IReadOnlyCollection<string> passed)
    {
        var problems = new List<string>();
        var used = Used;
        foreach (var key in passed.Where(k => !UserKey().IsMatch(k)))
        {
            problems.Add($"passed {key}: a user substitution must match _[A-Z0-9_]+");
        }

        foreach (var key in passed.Where(k => UserKey().IsMatch(k) && !BuiltIns.Contains(k) && !used.Contains(k)))
        {
            problems.Add($"passed {key}: the file never uses it");
        }

        foreach (var name in used.Where(n => !BuiltIns.Contains(n)).Order(StringComparer.Ordinal))
        {
            if (!name.StartsWith('_'))
            {
                problems.Add($"${name}: not a built-in substitution (a shell variable is written $${name})");
            }
            else if (!Declared.ContainsKey(name) && !passed.Contains(name))
            {
                problems.Add($"${name}: used but neither declared under substitutions: nor passed");
            }
        }

        return problems;
    }

    /// <summary>Text as Cloud Build hands it to a step: <c>$$</c> becomes <c>$</c>, <c>$NAME</c> and <c>${NAME}</c> their values.</summary>
    public static string Substitute(string text, IReadOnlyDictionary<string, string> values) =>
        Token().Replace(text, m => m.Value == "$$" ? "$"
            : values.TryGetValue(m.Groups["name"].Value, out var value) ? value
            : throw new KeyNotFoundException($"no value for substitution {m.Value}"));

    public static string? Entrypoint(YamlMappingNode step) => Scalar(step, "entrypoint");

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

    private static string Unescaped(string value) => value.Replace("$$", "", StringComparison.Ordinal);

    private static IEnumerable<string> Values(YamlNode node, string? skip = null) => node switch
    {
        YamlScalarNode scalar => [scalar.Value ?? ""],
        YamlSequenceNode sequence => sequence.Children.SelectMany(c => Values(c)),
        YamlMappingNode map => map.Children.Where(e => ((YamlScalarNode)e.Key).Value != skip).SelectMany(e => Values(e.Value)),
        _ => [],
    };

    [GeneratedRegex(@"\$\{?(?<name>[A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex Substitution();

    [GeneratedRegex(@"\$\$|\$\{(?<name>[A-Za-z_][A-Za-z0-9_]*)\}|\$(?<name>[A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex Token();

    [GeneratedRegex("^_[A-Z0-9_]+$")]
    private static partial Regex UserKey();
}
