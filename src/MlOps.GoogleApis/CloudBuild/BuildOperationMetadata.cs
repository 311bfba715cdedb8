namespace MlOps.GoogleApis.CloudBuild;

/// <summary>google.devtools.cloudbuild.v1.BuildOperationMetadata: the build a long-running operation follows, as it was when the operation was read.</summary>
public sealed record BuildOperationMetadata
{
    public Build? Build { get; init; }
}
