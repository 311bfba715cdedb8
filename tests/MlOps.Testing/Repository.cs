namespace MlOps.Testing;

/// <summary>The checkout the tests run from, and the build configuration they were built with.</summary>
public static class Repository
{
    public static string Root { get; } = Find();

    public static string Configuration { get; } =
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";

    /// <summary>The text of a file of the repository, by its path from the root.</summary>
    public static string Read(string relative) => File.ReadAllText(Path.Combine(Root, relative));

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MlOps.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"the repository root (MlOps.slnx) was not found above {AppContext.BaseDirectory}");
    }
}
