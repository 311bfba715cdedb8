namespace MlOps.GitOps.Bootstrap;

/// <summary>An Artifact Registry Docker repository: <c>{Location}-docker.pkg.dev/{Project}/{Name}</c>.</summary>
internal sealed record ArtifactRepository(string Project, string Location, string Name)
{
    public override string ToString() => $"{Location}-docker.pkg.dev/{Project}/{Name}";
}
