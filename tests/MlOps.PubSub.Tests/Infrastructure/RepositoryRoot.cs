namespace MlOps.PubSub.Tests.Infrastructure;

internal static class RepositoryRoot
{
    public static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MlOps.slnx")))
                return dir.FullName;
        }
        throw new InvalidOperationException($"Cannot find the repository root (MlOps.slnx) above {AppContext.BaseDirectory}.");
    }
}
