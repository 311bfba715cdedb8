namespace MlOps.GoogleApis.Vertex;

/// <summary>google.cloud.aiplatform.v1.ModelContainerSpec: the serving container Vertex AI runs for the model.</summary>
public sealed record ModelContainerSpec
{
    public required string ImageUri { get; init; }

    public IReadOnlyList<string>? Command { get; init; }

    public IReadOnlyList<string>? Args { get; init; }

    public IReadOnlyList<EnvVar>? Env { get; init; }

    public IReadOnlyList<Port>? Ports { get; init; }

    public string? PredictRoute { get; init; }

    public string? HealthRoute { get; init; }
}
