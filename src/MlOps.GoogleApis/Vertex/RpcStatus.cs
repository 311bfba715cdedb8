namespace MlOps.GoogleApis.Vertex;

/// <summary>google.rpc.Status.</summary>
public sealed record RpcStatus(int? Code, string? Message);
