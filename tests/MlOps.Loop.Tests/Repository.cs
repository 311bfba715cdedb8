namespace MlOps.Loop.Tests;

internal static class Repository
{
    public static string Root { get; } = Find();

    /// <summary>The build configuration these tests were built with, so the service hosts match.</summary>
    public static string Configuration { get; } = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MlOps.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("the repository root (MlOps.slnx) was not found above " + AppContext.BaseDirectory);
    }
}
