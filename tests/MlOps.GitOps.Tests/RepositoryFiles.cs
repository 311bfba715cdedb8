using MlOps.GitOps.Loading;

namespace MlOps.GitOps.Tests;

/// <summary>The repository's own environments folder.</summary>
internal static class RepositoryFiles
{
    public static EnvironmentsFolder Environments => new(Path.Combine(Repository.Root, "environments"));
}
