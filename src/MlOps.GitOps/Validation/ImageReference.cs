using System.Text.RegularExpressions;

namespace MlOps.GitOps.Validation;

/// <summary>A container image as <c>host/path[:tag][@sha256:digest]</c>.</summary>
public sealed partial record ImageReference(string Repository, string? Tag, string? Digest)
{
    /// <summary>A digest names exactly one image; a tag can be moved to another.</summary>
    public bool IsPinned => Digest is not null;

    public static ImageReference? Parse(string text)
    {
        var match = Pattern().Match(text);
        return match.Success
            ? new ImageReference(match.Groups["repo"].Value, match.Groups["tag"].Success ? match.Groups["tag"].Value : null, match.Groups["digest"].Success ? match.Groups["digest"].Value : null)
            : null;
    }

    [GeneratedRegex(@"^(?<repo>[a-z0-9]+(?:[.-][a-z0-9]+)*(?::[0-9]+)?(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)+)(?::(?<tag>[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}))?(?:@(?<digest>sha256:[a-f0-9]{64}))?$")]
    private static partial Regex Pattern();
}
