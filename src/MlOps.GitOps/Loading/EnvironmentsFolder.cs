namespace MlOps.GitOps.Loading;

/// <summary>The <c>environments/</c> folder: <c>base/environment.yaml</c> plus one overlay folder per environment.</summary>
public sealed class EnvironmentsFolder
{
    public const string FileName = "environment.yaml";
    public const string BaseName = "base";

    private static readonly string[] PromotionOrder = ["dev", "staging", "prod"];

    public EnvironmentsFolder(string directory)
    {
        Directory = Path.GetFullPath(directory);
        if (!System.IO.Directory.Exists(Path.Combine(Directory, BaseName)))
        {
            throw new DirectoryNotFoundException($"{Directory} is not an environments folder: it has no {BaseName}/ folder");
        }
    }

    public string Directory { get; }

    /// <summary>Walks up from <paramref name="start"/> to the first folder that has <c>environments/base/</c>.</summary>
    public static EnvironmentsFolder Find(string start)
    {
        for (var dir = new DirectoryInfo(Path.GetFullPath(start)); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "environments");
            if (System.IO.Directory.Exists(Path.Combine(candidate, BaseName)))
            {
                return new EnvironmentsFolder(candidate);
            }
        }

        throw new DirectoryNotFoundException($"no environments/ folder (with base/) in {Path.GetFullPath(start)} or above; pass --environments <dir>");
    }

    /// <summary>Every environment with an overlay file: dev, staging, prod first, then the rest by name.</summary>
    public IReadOnlyList<string> Names() =>
        System.IO.Directory.EnumerateDirectories(Directory)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(name => name != BaseName && File.Exists(Path.Combine(Directory, name, FileName)))
            .OrderBy(name => Array.IndexOf(PromotionOrder, name) is var i && i >= 0 ? i : PromotionOrder.Length)
            .ThenBy(name => name, StringComparer.Ordinal)
            .ToList();

    /// <summary>How a file is named in problems: relative to the folder's parent, e.g. <c>environments/dev/environment.yaml</c>.</summary>
    public string DisplayPath(string environment) => $"{Path.GetFileName(Directory)}/{environment}/{FileName}";

    public string Read(string environment)
    {
        var path = Path.Combine(Directory, environment, FileName);
        if (!File.Exists(path))
        {
            var known = Names();
            var hint = known.Count == 0 ? "there are none yet" : $"known: {string.Join(", ", known)}";
            throw new EnvironmentException(new EnvironmentProblem(DisplayPath(environment), null, "", $"no such environment ({hint})"));
        }

        return File.ReadAllText(path);
    }
}
