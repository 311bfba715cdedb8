using System.Text.RegularExpressions;

namespace MlOps.GitOps.Validation;

/// <summary>Spots credentials written into a value, so they go to Secret Manager instead of Git.</summary>
internal static partial class InlineSecrets
{
    /// <summary>What was found (never the secret itself), or null.</summary>
    public static string? Find(string value)
    {
        var pair = KeyValue().Match(value);
        if (pair.Success)
        {
            return $"{pair.Groups["key"].Value}=…";
        }

        return UserInfo().IsMatch(value) ? "a password in the URL" : null;
    }

    [GeneratedRegex(@"(?:^|[;\s?&])(?<key>password|pwd|passwd|secret|token|api[-_ ]?key|access[-_ ]?key|client[-_ ]?secret)\s*=\s*[^;\s&]+", RegexOptions.IgnoreCase)]
    private static partial Regex KeyValue();

    [GeneratedRegex(@"^[a-z][a-z0-9+.-]*://[^/\s:@]+:[^/\s@]+@", RegexOptions.IgnoreCase)]
    private static partial Regex UserInfo();
}
