namespace MlOps.Contracts;

/// <summary>
/// The pin a gitops rollout hands to the environment's deploy build (cloudbuild-deploy.yaml) as user substitutions of
/// <c>triggers:run</c>; a push to the environment branch passes none of them and the build records no pin.
/// </summary>
public static class DeployBuildSubstitutions
{
    public const string Model = "_MODEL";
    public const string Version = "_MODEL_VERSION";
    public const string PackageUri = "_MODEL_PACKAGE";
    public const string DeploymentId = "_DEPLOYMENT_ID";

    public static IReadOnlyList<string> All { get; } = [Model, Version, PackageUri, DeploymentId];
}
