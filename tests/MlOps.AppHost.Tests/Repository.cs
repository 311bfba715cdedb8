namespace MlOps.AppHost.Tests;

/// <summary>The repository the tests run in, found from the test binaries upwards.</summary>
internal static class Repository
{
    public static readonly string Root = FindRoot();

    public static string PathOf(string relative) => Path.GetFullPath(Path.Combine(Root, relative));

    public static string Read(string relative) => File.ReadAllText(PathOf(relative));

    public static string Relative(string path) => Path.GetRelativePath(Root, path).Replace('\\', '/');

    /// <summary>C# sources under a folder, without build output.</summary>
    public static IEnumerable<string> Sources(string folder) =>
        Directory.EnumerateFiles(PathOf(folder), "*.cs", SearchOption.AllDirectories)
            .Where(f => !Relative(f).Split('/').Any(part => part is "bin" or "obj"));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MlOps.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no MlOps.slnx above {AppContext.BaseDirectory}");
    }
}
