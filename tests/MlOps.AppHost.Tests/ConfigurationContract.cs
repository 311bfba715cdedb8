using System.Text.RegularExpressions;

namespace MlOps.AppHost.Tests;

/// <summary>
/// The keys docs/configuration.md lists (first column of its tables, <c>&lt;name&gt;</c> as a placeholder),
/// plus the variables the platform itself defines.
/// </summary>
internal sealed partial class ConfigurationContract
{
    public const string Document = "docs/configuration.md";

    private static readonly string[] StandardPrefixes = ["OTEL_", "ASPNETCORE_", "DOTNET_", "services__"];
    private static readonly string[] StandardNames = ["PUBSUB_EMULATOR_HOST"];

    private readonly List<(string Key, Regex Pattern)> _keys;

    private ConfigurationContract(List<(string, Regex)> keys) => _keys = keys;

    public IReadOnlyList<string> Keys => _keys.ConvertAll(k => k.Key);

    public static ConfigurationContract Load()
    {
        var keys = new List<(string, Regex)>();
        foreach (var line in Repository.Read(Document).Split('\n'))
        {
            var cells = line.Split('|');
            if (cells.Length < 3 || !line.TrimStart().StartsWith('|'))
            {
                continue;
            }

            foreach (Match key in Code().Matches(cells[1]))
            {
                var text = key.Groups[1].Value;
                var pattern = "^" + Regex.Escape(text).Replace(Regex.Escape("<name>"), "[^:]+") + "$";
                keys.Add((text, new Regex(pattern, RegexOptions.IgnoreCase)));
            }
        }

        return new ConfigurationContract(keys);
    }

    /// <summary>An environment variable is allowed when it is a standard one or names a documented key (<c>__</c> for <c>:</c>).</summary>
    public bool Allows(string variable) =>
        StandardNames.Contains(variable)
        || StandardPrefixes.Any(p => variable.StartsWith(p, StringComparison.Ordinal))
        || _keys.Any(k => k.Pattern.IsMatch(variable.Replace("__", ":")));

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex Code();
}
