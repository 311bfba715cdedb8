namespace MlOps.Predictor.Vertex;

/// <summary>
/// Which object names may become files: an object's name below the downloaded prefix is its path
/// in the local folder, so a name that could climb out of the folder or mean something else to
/// the file system is refused rather than cleaned up.
/// </summary>
public static class ObjectPaths
{
    /// <summary>Why <paramref name="relative"/> (an object name less its prefix) cannot be a path below the folder, or null when it can.</summary>
    public static string? Refusal(string relative)
    {
        ArgumentNullException.ThrowIfNull(relative);
        if (relative.Length == 0)
        {
            return "it is empty";
        }

        if (relative.Any(char.IsControl))
        {
            return "it contains a control character";
        }

        if (relative.Contains('\\'))
        {
            return "it contains a backslash";
        }

        if (relative.StartsWith('/'))
        {
            return "it starts with '/'";
        }

        return relative.Split('/') switch
        {
            var segments when segments.Any(s => s is "." or "..") => "it has a '.' or '..' segment",
            var segments when segments.Any(s => s.Length == 0) => "it has an empty segment ('//')",
            _ => null,
        };
    }

    /// <summary>A name as it may appear in a message or log line: quoted, control characters escaped.</summary>
    public static string Quote(string name) =>
        "'" + string.Concat(name.Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString())) + "'";
}
