using MlOps.GoogleApis.Vertex;

namespace MlOps.GoogleApis.CloudBuild;

/// <summary>
/// google.longrunning.Operation as Cloud Build returns it for a trigger's run: its metadata carries the build; once done,
/// its response is the build that succeeded, or its error says that the build did not.
/// </summary>
public sealed record BuildOperation
{
    /// <summary><c>projects/{p}/locations/{l}/operations/{id}</c>.</summary>
    public required string Name { get; init; }

    public bool Done { get; init; }

    public RpcStatus? Error { get; init; }

    public BuildOperationMetadata? Metadata { get; init; }

    public Build? Response { get; init; }
}
