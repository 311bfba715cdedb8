namespace MlOps.Rehearsal.StandIns;

/// <summary>
/// The serving container of a model version (its ModelContainerSpec) as Vertex AI runs it: the routes with their
/// defaults filled in, and the environment with Vertex AI's <c>AIP_*</c> variables added.
/// </summary>
public sealed record ServingContainerSpec(
    string ImageUri,
    IReadOnlyList<string> Command,
    IReadOnlyList<string> Args,
    IReadOnlyList<ContainerEnvVar> Env,
    IReadOnlyList<int> Ports,
    string PredictRoute,
    string HealthRoute);
