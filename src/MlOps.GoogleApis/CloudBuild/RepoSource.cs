namespace MlOps.GoogleApis.CloudBuild;

/// <summary>
/// google.devtools.cloudbuild.v1.RepoSource, as a trigger's run sends it: the revision to build (one of a branch, a
/// tag or a commit) and the run's user substitutions (<c>_KEY</c>); the trigger supplies the repository.
/// </summary>
public sealed record RepoSource
{
    public string? ProjectId { get; init; }

    public string? RepoName { get; init; }

    public string? BranchName { get; init; }

    public string? TagName { get; init; }

    public string? CommitSha { get; init; }

    public string? Dir { get; init; }

    public IReadOnlyDictionary<string, string>? Substitutions { get; init; }
}
