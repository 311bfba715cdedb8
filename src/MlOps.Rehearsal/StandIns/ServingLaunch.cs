namespace MlOps.Rehearsal.StandIns;

/// <summary>
/// What to start for a DeployedModel: where it is deployed (<see cref="Endpoint"/> and <see cref="DeployedModelId"/>),
/// the model version it serves and its container, and the resources it asked for.
/// </summary>
public sealed record ServingLaunch(
    string Endpoint,
    string DeployedModelId,
    string Model,
    string ModelVersionId,
    ServingContainerSpec Container,
    string? ArtifactUri,
    string? ServiceAccount,
    string MachineType,
    int MinReplicaCount);
