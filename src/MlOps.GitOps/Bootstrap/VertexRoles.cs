using MlOps.GitOps.Model;

namespace MlOps.GitOps.Bootstrap;

/// <summary>
/// What each service may do in Vertex AI: one custom role per service that calls it, with only the permissions its
/// feature uses. Bootstrap creates the roles in each environment that turns the feature on and binds each to its service's account.
/// </summary>
public static class VertexRoles
{
    /// <summary>The registry's mirror: upload each registered version, find it again, label it, attach its evaluation.</summary>
    public static CustomRole Registry { get; } = new("mlopsVertexRegistry", "MlOps registry: Vertex AI Model Registry mirror",
    [
        "aiplatform.models.upload", "aiplatform.models.get", "aiplatform.models.list", "aiplatform.models.update",
        "aiplatform.modelEvaluations.import", "aiplatform.modelEvaluations.list",
    ]);

    /// <summary>The deployer's endpoint target: deploy mirrored models, split traffic, and read the endpoint's prediction metrics.</summary>
    public static CustomRole Deployer { get; } = new("mlopsVertexDeployer", "MlOps deployer: Vertex AI endpoint rollouts",
    [
        "aiplatform.endpoints.create", "aiplatform.endpoints.get", "aiplatform.endpoints.update", "aiplatform.endpoints.deploy",
        "aiplatform.endpoints.undeploy", "aiplatform.models.get", "aiplatform.models.list", "monitoring.timeSeries.list",
    ]);

    /// <summary>The trainer's CustomJob backend: start a job, follow it, cancel it.</summary>
    public static CustomRole Trainer { get; } = new("mlopsVertexTrainer", "MlOps trainer: Vertex AI CustomJob training",
    [
        "aiplatform.customJobs.create", "aiplatform.customJobs.get", "aiplatform.customJobs.list", "aiplatform.customJobs.cancel",
    ]);

    public static IReadOnlyList<CustomRole> All { get; } = [Registry, Deployer, Trainer];

    /// <summary>The role of a service that calls Vertex AI; null for the others.</summary>
    public static CustomRole? For(string service) => service switch
    {
        ServiceNames.Registry => Registry,
        ServiceNames.Deployer => Deployer,
        ServiceNames.Trainer => Trainer,
        _ => null,
    };
}
