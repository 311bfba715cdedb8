using MlOps.GitOps.Model;
using MlOps.GitOps.Validation;
using static MlOps.GitOps.Bootstrap.BootstrapPlanner;
using static MlOps.GitOps.Bootstrap.Shell;

namespace MlOps.GitOps.Bootstrap;

/// <summary>
/// What a drift-watcher that retrains through a Cloud Build trigger needs (<c>DriftWatcher:Retraining:Trigger</c>): a
/// custom role to run the trigger and read its builds, the right to hand the build's identity to the builds it starts
/// (as for the gitops deployer), and the trigger itself. The trigger is manual, so it runs only when called and never on
/// a push; it builds <see cref="BuildConfig"/> on the environment's branch as the build account, whose ID token the build
/// presents to the Trainer (its roles/run.admin includes invoking Cloud Run services).
/// </summary>
public static class RetrainBootstrap
{
    public const string BuildConfig = "cloudbuild-retrain.yaml";

    public static CustomRole Role { get; } = new("mlopsRetrainBuilds", "MlOps drift-watcher: retraining builds",
    [
        "cloudbuild.builds.create", "cloudbuild.builds.get",
    ]);

    internal static void Plan(EnvironmentSpec spec, PlanBuilder steps, string p)
    {
        if (RetrainingTrigger.Of(spec) is not { } trigger)
        {
            return;
        }

        var watcher = spec.Service(ServiceNames.DriftWatcher);
        VertexBootstrap.Role(spec, watcher, Role, steps, p);
        var email = Email(spec, watcher.ServiceAccount);
        var build = Email(spec, spec.Build.ServiceAccount);
        steps.Grant(new(email, "roles/iam.serviceAccountUser", $"service account {build}"), new($"{watcher.Name}: act as the build account to run {trigger}",
            $"gcloud iam service-accounts add-iam-policy-binding {Quote(build)} {p} --member={Quote("serviceAccount:" + email)} --role=roles/iam.serviceAccountUser"));

        var region = $"--region={Quote(spec.Region)}";
        var branch = RetrainingTrigger.Branch(spec);
        var source = $"--repo={Quote($"https://github.com/{spec.Build.GitHubOwner}/{spec.Build.GitHubRepo}")} --repo-type=GITHUB --branch={Quote(branch)}";
        var account = $"--service-account={Quote($"projects/{spec.Project}/serviceAccounts/{build}")}";
        var description = $"--description={Quote($"MlOps {spec.Name}: retraining a drift alert asks for, run by the drift-watcher")}";
        steps.Add(new($"Cloud Build trigger {trigger}: retrain the model of a drift alert on {branch}, run by the drift-watcher (manual: never on a push)",
            $"gcloud builds triggers create manual --name={Quote(trigger)} {p} {region} {source} --build-config={BuildConfig} {account} {description}",
            $"gcloud builds triggers describe {Quote(trigger)} {p} {region}"));
    }
}
