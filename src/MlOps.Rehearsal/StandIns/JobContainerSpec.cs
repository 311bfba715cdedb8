namespace MlOps.Rehearsal.StandIns;

/// <summary>The container of a worker pool (google.cloud.aiplatform.v1.ContainerSpec), with Vertex AI's variables added to its environment.</summary>
public sealed record JobContainerSpec(string ImageUri, IReadOnlyList<string> Command, IReadOnlyList<string> Args, IReadOnlyList<ContainerEnvVar> Env);
