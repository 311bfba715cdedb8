using System.Text.RegularExpressions;

namespace MlOps.Testing;

/// <summary>The keys documented in docs/configuration.md, each with the section (service) it is listed under and its documented default.</summary>
public static partial class ConfigurationDoc
{
    public const string EveryService = "Every service";

    private const string Placeholder = "<name>";

    public static IReadOnlyList<DocumentedKey> Entries { get; } = Parse(Repository.Read("docs/configuration.md"));

    public static IReadOnlyList<(string Key, string Section)> Keys { get; } = [.. Entries.Select(e => (e.Key, e.Section))];

    /// <summary>Whether <paramref name="key"/> is documented for <paramref name="service"/> (or for every service); a <c>&lt;name&gt;</c> segment matches any one segment.</summary>
    public static bool Documents(string key, string service) =>
        Keys.Any(k => (k.Section == EveryService || Service(k.Section) == service) && Matches(k.Key, key));

    public static string? SectionOf(string key) => Keys.FirstOrDefault(k => Matches(k.Key, key)).Section;

    /// <summary>"DriftWatcher" is the section of the drift-watcher service.</summary>
    public static string Service(string section) => KebabBoundary().Replace(section, "-$1").ToLowerInvariant();

    private static bool Matches(string documented, string key)
    {
        var at = documented.IndexOf(Placeholder, StringComparison.Ordinal);
        if (at < 0)
        {
            return key == documented;
        }

        var (prefix, suffix) = (documented[..at], documented[(at + Placeholder.Length)..]);
        return key.Length > prefix.Length + suffix.Length && key.StartsWith(prefix, StringComparison.Ordinal) && key.EndsWith(suffix, StringComparison.Ordinal)
            && !key[prefix.Length..^suffix.Length].Contains(':');
    }

    private static List<DocumentedKey> Parse(string markdown)
    {
        var keys = new List<DocumentedKey>();
        var section = "";
        foreach (var line in markdown.Split('\n'))
        {
            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                section = line[3..].Trim();
            }
            else if (line.StartsWith('|') && line.Split('|') is { Length: > 4 } cells && !cells[1].Trim().StartsWith("---", StringComparison.Ordinal))
            {
                var defaults = Code().Matches(cells[3]).Select(m => m.Groups[1].Value).ToList();
                var documentedDefault = cells[3].Trim() == "—" ? DocumentedKey.None : defaults.Count == 1 ? defaults[0] : null;
                keys.AddRange(Code().Matches(cells[1]).Select(m => new DocumentedKey(m.Groups[1].Value, section, documentedDefault)));
            }
        }

        return keys;
    }

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex Code();

    [GeneratedRegex("(?<=[a-z])([A-Z])")]
    private static partial Regex KebabBoundary();
}

/// <summary>A documented key; <see cref="Default"/> is its default in code spelling, <see cref="None"/> for "—", or null when the cell is prose.</summary>
public sealed record DocumentedKey(string Key, string Section, string? Default)
{
    public const string None = "—";
}
