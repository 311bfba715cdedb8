using MlOps.GitOps.Model;
using MlOps.GitOps.Validation;
using static MlOps.GitOps.Bootstrap.BootstrapPlanner;
using static MlOps.GitOps.Bootstrap.Shell;

namespace MlOps.GitOps.Bootstrap;

/// <summary>
/// What a gitops deployer needs: a custom role to run the deploy trigger, follow its builds and cancel one that
/// overran; the right to hand the build's identity to the builds it starts (a trigger with its own service account
/// runs as that account only for callers who may act as it); and, for the build, the GitHub token it pushes the pin with.
/// </summary>
public static class GitOpsBootstrap
{
    public static CustomRole Role { get; } = new("mlopsDeployBuilds", "MlOps deployer: gitops deploy builds",
    [
        "cloudbuild.builds.create", "cloudbuild.builds.get", "cloudbuild.builds.list", "cloudbuild.builds.update",
    ]);

    /// <summary>Whether the environment's build needs the GitHub token: CI publishes with it, a gitops deploy pushes the pin with it.</summary>
    public static bool BuildPushes(EnvironmentSpec spec) => spec.Build.Ci || GitOpsRollouts.On(spec);

    internal static void Plan(EnvironmentSpec spec, PlanBuilder steps, string p)
    {
        if (!GitOpsRollouts.On(spec))
        {
            return;
        }

        var deployer = spec.Service(ServiceNames.Deployer);
        VertexBootstrap.Role(spec, deployer, Role, steps, p);
        var email = Email(spec, deployer.ServiceAccount);
        var build = Email(spec, spec.Build.ServiceAccount);
        steps.Grant(new(email, "roles/iam.serviceAccountUser", $"service account {build}"), new($"{deployer.Name}: act as the build account to run {GitOpsRollouts.Trigger(spec)}",
            $"gcloud iam service-accounts add-iam-policy-binding {Quote(build)} {p} --member={Quote("serviceAccount:" + email)} --role=roles/iam.serviceAccountUser"));
    }
}
