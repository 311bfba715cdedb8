using Microsoft.Extensions.Options;

namespace MlOps.Platform.Artifacts;

/// <summary>
/// The shared artifact folder. Artifacts are named by paths relative to its root, so the same
/// name works in every process and container whatever the mount point.
/// </summary>
public sealed class ArtifactStore(IOptions<ArtifactOptions> options)
{
    /// <summary>Linux's PATH_MAX: no longer path names a file.</summary>
    public const int MaxPathLength = 4096;

    public string Root { get; } = Path.GetFullPath(options.Value.Root);

    /// <summary>Where a trained package goes: <c>packages/{model}/{run}</c>.</summary>
    public static string PackageUri(string model, Guid runId) => $"packages/{model}/{runId:N}";

    /// <summary>The absolute path of an artifact name; absolute paths pass through.</summary>
    public string Resolve(string uri)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(uri);
        if (uri.StartsWith("file://", StringComparison.Ordinal))
        {
            return new Uri(uri).LocalPath;
        }

        if (Path.IsPathRooted(uri))
        {
            return uri;
        }

        var full = Path.GetFullPath(Path.Combine(Root, uri));
        return Contains(full)
            ? full
            : throw new ArgumentException($"artifact '{uri}' points outside the artifact root");
    }

    /// <summary>
    /// Why a path that came in a message or a request cannot name an artifact, or null when it can: it
    /// must be relative to the root and stay inside it (no absolute path, no file:// URI, no way out by <c>..</c>).
    /// </summary>
    public string? Outside(string? uri)
    {
        if (string.IsNullOrWhiteSpace(uri))
        {
            return "the path is empty";
        }

        if (uri.Contains('\0', StringComparison.Ordinal))
        {
            return "the path contains a NUL character";
        }

        if (uri.Length > MaxPathLength)
        {
            return $"the path is {uri.Length:N0} characters long, more than the {MaxPathLength:N0} a file system path may have";
        }

        if (uri.StartsWith("file:", StringComparison.OrdinalIgnoreCase) || uri.Contains("://", StringComparison.Ordinal))
        {
            return $"'{uri}' is a URI: give a path relative to the artifact store's root";
        }

        if (Path.IsPathRooted(uri))
        {
            return $"'{uri}' is an absolute path: give a path relative to the artifact store's root";
        }

        return Contains(Path.GetFullPath(Path.Combine(Root, uri))) ? null : $"'{uri}' leads outside the artifact store";
    }

    // Separator-aware: a root of /a/artifacts does not contain /a/artifacts-evil.
    private bool Contains(string full) =>
        full == Root || full.StartsWith(Root.EndsWith(Path.DirectorySeparatorChar) ? Root : Root + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    /// <summary>The artifact name of a path under the root (relative), or the path itself.</summary>
    public string ToUri(string path)
    {
        var full = Path.GetFullPath(path);
        return full.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? Path.GetRelativePath(Root, full).Replace(Path.DirectorySeparatorChar, '/')
            : full;
    }
}
