namespace MlOps.GoogleApis.Vertex;

/// <summary>A long-running operation ended with an error.</summary>
public sealed class VertexOperationException(string operation, RpcStatus error)
    : Exception($"Vertex AI operation {operation} failed: {error.Message ?? "no message"} (code {error.Code})")
{
    public string Operation { get; } = operation;

    public RpcStatus Error { get; } = error;
}
