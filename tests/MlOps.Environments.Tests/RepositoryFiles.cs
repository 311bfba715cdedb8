using MlOps.GitOps.Loading;

namespace MlOps.GitOps.Tests;

/// <summary>Files of this repository, found by walking up from the test binaries.</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = System.IO.Path.GetDirectoryName(EnvironmentsFolder.Find(AppContext.BaseDirectory).Directory)!;

    public static EnvironmentsFolder Environments => new(System.IO.Path.Combine(Root, "environments"));

    public static string Read(string relative) => File.ReadAllText(System.IO.Path.Combine(Root, relative));
}
