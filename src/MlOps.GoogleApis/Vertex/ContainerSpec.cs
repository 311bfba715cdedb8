namespace MlOps.GoogleApis.Vertex;

/// <summary>google.cloud.aiplatform.v1.ContainerSpec: the training container.</summary>
public sealed record ContainerSpec(string ImageUri)
{
    public IReadOnlyList<string>? Command { get; init; }

    public IReadOnlyList<string>? Args { get; init; }

    public IReadOnlyList<EnvVar>? Env { get; init; }
}
