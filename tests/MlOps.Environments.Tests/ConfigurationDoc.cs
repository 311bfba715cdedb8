using System.Text.RegularExpressions;

namespace MlOps.GitOps.Tests;

/// <summary>The keys documented in docs/configuration.md, each with the section (service) it is listed under.</summary>
internal static partial class ConfigurationDoc
{
    public const string EveryService = "Every service";

    public static IReadOnlyList<(string Key, string Section)> Keys { get; } = Parse(RepositoryFiles.Read("docs/configuration.md"));

    /// <summary>Whether <paramref name="key"/> is documented for <paramref name="service"/> (or for every service); <c>&lt;name&gt;</c> matches one segment.</summary>
    public static bool Documents(string key, string service) =>
        Keys.Any(k => (k.Section == EveryService || Service(k.Section) == service) && Matches(k.Key, key));

    public static string? SectionOf(string key) => Keys.FirstOrDefault(k => Matches(k.Key, key)).Section;

    /// <summary>"DriftWatcher" is the section of the drift-watcher service.</summary>
    public static string Service(string section) => KebabBoundary().Replace(section, "-$1").ToLowerInvariant();

    private static bool Matches(string documented, string key) =>
        documented.EndsWith('>')
            ? key.StartsWith(documented[..(documented.LastIndexOf(':') + 1)], StringComparison.Ordinal) && !key[(documented.LastIndexOf(':') + 1)..].Contains(':') && key.Length > documented.LastIndexOf(':') + 1
            : key == documented;

    private static List<(string, string)> Parse(string markdown)
    {
        var keys = new List<(string, string)>();
        var section = "";
        foreach (var line in markdown.Split('\n'))
        {
            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                section = line[3..].Trim();
            }
            else if (line.StartsWith('|') && line.Split('|') is { Length: > 2 } cells && !cells[1].Trim().StartsWith("---", StringComparison.Ordinal))
            {
                keys.AddRange(Code().Matches(cells[1]).Select(m => (m.Groups[1].Value, section)));
            }
        }

        return keys;
    }

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex Code();

    [GeneratedRegex("(?<=[a-z])([A-Z])")]
    private static partial Regex KebabBoundary();
}
