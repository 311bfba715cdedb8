namespace MlOps.Predictor.Vertex;

/// <summary>
/// A <c>gs://bucket/path</c> URI read as a folder: the objects whose names start with
/// <see cref="Prefix"/> (the path and a trailing <c>/</c>; empty for the whole bucket).
/// </summary>
public sealed record GcsUri(string Bucket, string Prefix)
{
    public const string Scheme = "gs://";

    public static bool IsGcs(string uri) => uri.StartsWith(Scheme, StringComparison.Ordinal);

    /// <exception cref="FormatException">Not a gs:// URI, no valid bucket name, or a path that could not be a local folder.</exception>
    public static GcsUri Parse(string uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (!IsGcs(uri))
        {
            throw new FormatException($"'{uri}' is not a {Scheme} URI");
        }

        var rest = uri[Scheme.Length..];
        var slash = rest.IndexOf('/');
        var bucket = slash < 0 ? rest : rest[..slash];
        var path = slash < 0 ? "" : rest[(slash + 1)..].TrimEnd('/');
        if (!IsBucketName(bucket))
        {
            throw new FormatException($"'{uri}' does not name a bucket: '{bucket}' is not 3 to 222 lowercase letters, digits, '-', '_' or '.', starting and ending with a letter or digit");
        }

        if (path.Length > 0 && ObjectPaths.Refusal(path) is { } problem)
        {
            throw new FormatException($"'{uri}' has a path that cannot be a folder: {problem}");
        }

        return new GcsUri(bucket, path.Length == 0 ? "" : path + "/");
    }

    public override string ToString() => $"{Scheme}{Bucket}/{Prefix}";

    private static bool IsBucketName(string name) =>
        name.Length is >= 3 and <= 222
        && IsLowerOrDigit(name[0]) && IsLowerOrDigit(name[^1])
        && name.All(c => IsLowerOrDigit(c) || c is '-' or '_' or '.');

    private static bool IsLowerOrDigit(char c) => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c);
}
