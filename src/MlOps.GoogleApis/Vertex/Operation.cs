using System.Text.Json;

namespace MlOps.GoogleApis.Vertex;

/// <summary>google.longrunning.Operation: done with an error or a response of the method's type.</summary>
public sealed record Operation(string Name)
{
    public bool Done { get; init; }

    public RpcStatus? Error { get; init; }

    public JsonElement? Response { get; init; }

    public JsonElement? Metadata { get; init; }
}
