using MlOps.GitOps.Diff;
using MlOps.GitOps.Loading;

namespace MlOps.GitOps.Tests;

public sealed class DiffTests
{
    [Fact]
    public void A_promotion_shows_images_scaling_and_env_vars_key_by_key_per_service()
    {
        using var next = new TempEnvironments();
        next.Set("prod", "services/predictor/image", "europe-west1-docker.pkg.dev/acme-mlops-dev/mlops/predictor@sha256:" + new string('a', 64))
            .Set("prod", "services/predictor/cpu", "8")
            .Set("prod", "services/registry/settings/Registry:Gate:MinimumAuc", "0.78")
            .Set("prod", "services/drift-watcher/settings/DriftWatcher:Thresholds:Categorical", "0.2");

        var before = EnvironmentLoader.LoadValid(RepositoryFiles.Environments, "prod");
        var after = EnvironmentLoader.LoadValid(next.Folder, "prod");
        var entries = EnvironmentDiff.Compare(before, after);

        Assert.Equal(
            [
                ("registry", "env.Registry__Gate__MinimumAuc", "0.75", "0.78"),
                // prod mirrors into Vertex AI, which serves a mirrored version with the predictor's image: a new image is a new registry revision too
                ("registry", "env.Registry__Vertex__ServingImage", before.Service("predictor").Image, after.Service("predictor").Image),
                ("drift-watcher", "env.DriftWatcher__Thresholds__Categorical", "0.1", "0.2"),
                ("predictor", "cpu", "4", "8"),
                ("predictor", "image", before.Service("predictor").Image, after.Service("predictor").Image),
            ],
            entries.Select(e => (e.Scope, e.Key, e.From, e.To)));
    }

    [Fact]
    public void The_text_form_reads_as_one_block_per_service()
    {
        using var next = new TempEnvironments();
        next.Set("staging", "services/deployer/settings/Deployer:Canary:TrafficPercent", "~");

        var text = DiffText.Format("staging", "staging", EnvironmentDiff.Compare(
            EnvironmentLoader.LoadValid(RepositoryFiles.Environments, "staging"), EnvironmentLoader.LoadValid(next.Folder, "staging")));

        Assert.Equal("staging -> staging: 1 change(s)\n\ndeployer\n  - env.Deployer__Canary__TrafficPercent: 20\n", text);
    }

    [Fact]
    public void Dev_to_staging_shows_the_rollout_strategy_and_the_database_instance_change()
    {
        var entries = EnvironmentDiff.Compare(
            EnvironmentLoader.LoadValid(RepositoryFiles.Environments, "dev"), EnvironmentLoader.LoadValid(RepositoryFiles.Environments, "staging"));

        Assert.Contains(new DiffEntry("deployer", "env.Deployer__Strategy", "immediate", "canary"), entries);
        Assert.Contains(new DiffEntry("registry", "cloudSqlInstance", "acme-mlops-dev:europe-west1:mlops-registry", "acme-mlops-staging:europe-west1:mlops-registry"), entries);
        Assert.DoesNotContain(entries, e => e.Key == "env.ConnectionStrings__Registry");
        Assert.Contains(new DiffEntry("environment", "project", "acme-mlops-dev", "acme-mlops-staging"), entries);
    }
}
