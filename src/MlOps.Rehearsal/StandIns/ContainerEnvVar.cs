namespace MlOps.Rehearsal.StandIns;

/// <summary>An environment variable of a container (google.cloud.aiplatform.v1.EnvVar).</summary>
public sealed record ContainerEnvVar(string Name, string Value);
