using MlOps.Contracts;
using MlOps.GitOps.Bootstrap;
using MlOps.GitOps.Loading;
using MlOps.GitOps.Model;
using MlOps.GitOps.Rendering;
using MlOps.GitOps.Validation;

namespace MlOps.GitOps.Tests;

/// <summary>
/// Retraining as a build: where a drift-watcher names a retraining trigger, bootstrap creates that trigger (manual, on
/// cloudbuild-retrain.yaml) and the drift-watcher's right to run it, and the renderer tells the drift-watcher where it
/// runs; no environment of the repository turns it on.
/// </summary>
public sealed class RetrainBootstrapTests
{
    private const string Trigger = "mlops-retrain-staging";

    private static TempEnvironments WithTrigger()
    {
        var environments = new TempEnvironments();
        environments.Set("staging", $"services/drift-watcher/settings/{RetrainingTrigger.TriggerKey}", Trigger);
        return environments;
    }

    private static EnvironmentSpec Spec(TempEnvironments environments) => EnvironmentLoader.LoadValid(environments.Folder, "staging");

    private static Dictionary<string, string> Env(EnvironmentSpec spec, string service) =>
        ServiceRenderer.Render(spec, spec.Service(service)).Env.ToDictionary(e => e.Name, e => e.Value.ToString()!);

    [Fact]
    public void A_named_retraining_trigger_is_created_as_a_manual_trigger_of_the_retrain_build_on_the_environment_branch()
    {
        using var environments = WithTrigger();

        var steps = BootstrapPlanner.Plan(Spec(environments)).Steps;

        var trigger = Assert.Single(steps, s => s.Command.StartsWith($"gcloud builds triggers create manual --name={Trigger} ", StringComparison.Ordinal));
        Assert.Contains("--project=acme-mlops-staging --region=europe-west1 --repo=https://github.com/acme/mlops --repo-type=GITHUB --branch=env/staging "
            + "--build-config=cloudbuild-retrain.yaml --service-account=projects/acme-mlops-staging/serviceAccounts/mlops-build@acme-mlops-staging.iam.gserviceaccount.com", trigger.Command, StringComparison.Ordinal);
        Assert.DoesNotContain("--branch-pattern", trigger.Command, StringComparison.Ordinal);
        Assert.Equal($"gcloud builds triggers describe {Trigger} --project=acme-mlops-staging --region=europe-west1", trigger.Guard);
    }

    [Fact]
    public void The_drift_watcher_may_run_only_builds_through_its_own_role_and_act_as_the_build_account()
    {
        using var environments = WithTrigger();
        var plan = BootstrapPlanner.Plan(Spec(environments));

        var role = Assert.Single(plan.Steps, s => s.Command.StartsWith("gcloud iam roles create mlopsRetrainBuilds ", StringComparison.Ordinal));
        Assert.Contains("--permissions=cloudbuild.builds.create,cloudbuild.builds.get ", role.Command, StringComparison.Ordinal);
        var grant = Assert.Single(plan.Grants, g => g.Role == "projects/acme-mlops-staging/roles/mlopsRetrainBuilds");
        Assert.Equal("mlops-drift-watcher@acme-mlops-staging.iam.gserviceaccount.com", grant.Account);
        Assert.Single(plan.Steps, s => s.Command.StartsWith("gcloud iam service-accounts add-iam-policy-binding mlops-build@acme-mlops-staging.iam.gserviceaccount.com ", StringComparison.Ordinal)
            && s.Command.Contains("--member=serviceAccount:mlops-drift-watcher@acme-mlops-staging.iam.gserviceaccount.com --role=roles/iam.serviceAccountUser", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("staging")]
    [InlineData("prod")]
    public void No_environment_of_the_repository_retrains_through_a_trigger(string environment)
    {
        var spec = EnvironmentLoader.LoadValid(RepositoryFiles.Environments, environment);

        var plan = BootstrapPlanner.Plan(spec);

        Assert.Null(RetrainingTrigger.Of(spec));
        Assert.DoesNotContain(plan.Steps, s => s.Command.Contains("mlopsRetrainBuilds", StringComparison.Ordinal) || s.Command.Contains(RetrainBootstrap.BuildConfig, StringComparison.Ordinal));
        Assert.DoesNotContain(Env(spec, ServiceNames.DriftWatcher).Keys, k => k.StartsWith("MlOps__Google__", StringComparison.Ordinal) || k.StartsWith("DriftWatcher__Retraining__", StringComparison.Ordinal));
    }

    [Fact]
    public void A_drift_watcher_with_a_retraining_trigger_is_rendered_with_the_trigger_its_branch_project_and_region()
    {
        using var environments = WithTrigger();
        var spec = Spec(environments);

        var watcher = Env(spec, ServiceNames.DriftWatcher);

        Assert.Equal(Trigger, watcher["DriftWatcher__Retraining__Trigger"]);
        Assert.Equal("env/staging", watcher["DriftWatcher__Retraining__Branch"]);
        Assert.Equal("acme-mlops-staging", watcher["MlOps__Google__Project"]);
        Assert.Equal("europe-west1", watcher["MlOps__Google__Location"]);
        Assert.All(ServiceRenderer.Render(spec, spec.Service(ServiceNames.DriftWatcher)).Env,
            variable => Assert.True(ConfigurationDoc.Documents(variable.ConfigurationKey, ServiceNames.DriftWatcher), $"{variable.ConfigurationKey} is not documented for the drift-watcher"));
    }

    [Fact]
    public void The_retrain_build_uses_every_substitution_the_drift_watcher_passes_and_declares_them()
    {
        using var environments = WithTrigger();
        var planned = PlannedTrigger.All(environments.Folder).Single(t => t.Name == Trigger);
        var build = CloudBuildFile.Load(planned.BuildConfig);

        var problems = build.MustMatchProblems([.. planned.Substitutions, .. RetrainBuildSubstitutions.All]);

        Assert.Empty(problems);
        Assert.Empty(planned.Substitutions);
        Assert.All(RetrainBuildSubstitutions.All, name => Assert.True(build.Declared.ContainsKey(name), $"{name} is not declared"));
    }

    [Fact]
    public void The_retrain_build_asks_the_environments_trainer_with_an_id_token_for_its_url_after_rendering_the_environment()
    {
        var build = CloudBuildFile.Load(RetrainBootstrap.BuildConfig);

        var script = build.Script("train");

        Assert.Contains("render", build.Before("train"));
        Assert.Contains("gcloud auth print-identity-token --audiences=\"$$url\"", script, StringComparison.Ordinal);
        Assert.Contains("-X POST \"$$url/api/training\"", script, StringComparison.Ordinal);
        Assert.Contains("\\\"driftAlertId\\\"", script, StringComparison.Ordinal);
        // The substitutions reach the script as variables, never as its text.
        Assert.DoesNotContain("$_", script, StringComparison.Ordinal);
    }
}
