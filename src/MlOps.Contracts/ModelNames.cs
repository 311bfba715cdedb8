using System.Text.RegularExpressions;

namespace MlOps.Contracts;

/// <summary>
/// The one rule for model names, checked at every entry point: lower-case letters, digits and hyphens,
/// starting with a letter and ending with a letter or digit, at most 63 characters — a name that is
/// safe as a folder of the artifact store, and valid as a Vertex AI model and endpoint ID.
/// </summary>
public static partial class ModelNames
{
    public const string Rule = "lower-case letters, digits and hyphens, starting with a letter and ending with a letter or digit, at most 63 characters";

    /// <summary>Why <paramref name="name"/> is not a model name, or null when it is one.</summary>
    public static string? Problem(string? name) =>
        string.IsNullOrEmpty(name) ? "the model name is required"
        : Valid().IsMatch(name) ? null
        : $"'{(name.Length > 80 ? name[..80] + "…" : name)}' is not a model name: use {Rule}";

    /// <summary>Whether <paramref name="name"/> is a model name, without allocating.</summary>
    public static bool IsValid(ReadOnlySpan<char> name) => Valid().IsMatch(name);

    // \z, not $: a .NET $ also matches before a final newline, which would let "taxi\n" through.
    [GeneratedRegex(@"^[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?\z", RegexOptions.CultureInvariant)]
    private static partial Regex Valid();
}
