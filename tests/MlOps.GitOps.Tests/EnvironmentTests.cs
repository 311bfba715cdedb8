using MlOps.GitOps.Loading;
using MlOps.GitOps.Model;
using MlOps.GitOps.Rendering;
using MlOps.GitOps.Validation;

namespace MlOps.GitOps.Tests;

public sealed class EnvironmentTests
{
    public static TheoryData<string> Environments() => new(RepositoryFiles.Environments.Names());

    [Fact]
    public void The_repository_has_dev_staging_and_prod_in_promotion_order() =>
        Assert.Equal(["dev", "staging", "prod"], RepositoryFiles.Environments.Names());

    [Theory]
    [MemberData(nameof(Environments))]
    public void Every_environment_validates_and_renders_the_five_services_and_the_console(string name)
    {
        var check = EnvironmentLoader.Check(RepositoryFiles.Environments, name);

        Assert.True(check.IsValid, string.Join("\n", check.Problems));
        var services = ServiceRenderer.Render(check.Spec!);
        Assert.Equal(ServiceNames.All, services.Select(s => s.Name));
        Assert.All(services, s => Assert.Empty(KnativeServiceChecker.Check(KnativeManifest.ToYaml(s))));
    }

    [Theory]
    [InlineData("dev", "immediate")]
    [InlineData("staging", "canary")]
    [InlineData("prod", "gitops")]
    public void Rollout_is_immediate_in_dev_canary_in_staging_and_through_the_deploy_build_in_prod(string name, string strategy)
    {
        var spec = EnvironmentLoader.LoadValid(RepositoryFiles.Environments, name);

        Assert.Equal(strategy, SettingCatalog.Effective(spec.Service(ServiceNames.Deployer), "Deployer:Strategy"));
    }

    [Theory]
    [InlineData("staging")]
    [InlineData("prod")]
    public void Staging_and_prod_pin_every_image_by_digest_and_keep_the_registry_in_Cloud_SQL(string name)
    {
        var spec = EnvironmentLoader.LoadValid(RepositoryFiles.Environments, name);

        Assert.All(spec.Services, s => Assert.True(ImageReference.Parse(s.Image)!.IsPinned, s.Image));
        var registry = spec.Service(ServiceNames.Registry);
        Assert.Equal("PostgreSQL", SettingCatalog.Effective(registry, "Registry:Database:Provider"));
        Assert.IsType<SecretValue>(registry.Find("ConnectionStrings:Registry")!.Value);
        Assert.NotNull(registry.CloudSqlInstance);
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void Every_environment_keeps_the_registry_and_the_deployment_history_in_Cloud_SQL(string name)
    {
        var spec = EnvironmentLoader.LoadValid(RepositoryFiles.Environments, name);

        foreach (var (service, provider, connection) in new[] { (ServiceNames.Registry, "Registry:Database:Provider", "ConnectionStrings:Registry"), (ServiceNames.Deployer, "Deployer:Database:Provider", "ConnectionStrings:Deployments") })
        {
            var settings = spec.Service(service);
            Assert.Equal("PostgreSQL", SettingCatalog.Effective(settings, provider));
            Assert.IsType<SecretValue>(settings.Find(connection)!.Value);
            Assert.StartsWith($"{spec.Project}:", settings.CloudSqlInstance, StringComparison.Ordinal);
            Assert.Contains("roles/cloudsql.client", settings.Roles);
        }
    }

    [Fact]
    public void The_overlay_wins_key_by_key_and_a_tilde_removes_a_base_key()
    {
        using var environments = new TempEnvironments();
        environments.Set("dev", "services/trainer/settings/Trainer:Algorithm", "LightGbm")
            .Set("dev", "services/trainer/settings/Trainer:NewestSnapshots", "~");

        var trainer = EnvironmentLoader.LoadValid(environments.Folder, "dev").Service(ServiceNames.Trainer);

        Assert.Equal("LightGbm", SettingCatalog.Effective(trainer, "Trainer:Algorithm"));
        Assert.Null(trainer.Find("Trainer:NewestSnapshots"));
        Assert.Equal("datasets/taxi-tips", SettingCatalog.Effective(trainer, "Trainer:DataPath"));
        Assert.Equal("mlops-trainer", trainer.ServiceAccount);
    }

    [Fact]
    public void The_loops_services_get_the_PubSub_transport_the_project_and_the_mounted_artifact_root_and_the_console_none_of_them()
    {
        var spec = EnvironmentLoader.LoadValid(RepositoryFiles.Environments, "prod");

        foreach (var service in ServiceRenderer.Render(spec).Where(s => ServiceNames.Loop.Contains(s.Name)))
        {
            var env = service.Env.ToDictionary(e => e.Name, e => e.Value.ToString());
            Assert.Equal("PubSub", env["MlOps__Transport"]);
            Assert.Equal("acme-mlops-prod", env["MlOps__PubSub__ProjectId"]);
            Assert.Equal("/mnt/artifacts", env["MlOps__Artifacts__Root"]);
            Assert.Contains("driver: gcsfuse.run.googleapis.com", KnativeManifest.ToYaml(service), StringComparison.Ordinal);
        }

        var console = ServiceRenderer.Render(spec, spec.Service(ServiceNames.Console));
        Assert.DoesNotContain(console.Env, e => e.Name.StartsWith("MlOps__Transport", StringComparison.Ordinal) || e.Name.StartsWith("MlOps__PubSub", StringComparison.Ordinal) || e.Name.StartsWith("MlOps__Artifacts", StringComparison.Ordinal));
        Assert.Null(console.Artifacts);
        Assert.DoesNotContain("gcsfuse", KnativeManifest.ToYaml(console), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void Only_the_predictor_is_public_and_takes_ingress_all_and_only_the_console_behind_IAP_takes_load_balancers(string name)
    {
        var services = ServiceRenderer.Render(EnvironmentLoader.LoadValid(RepositoryFiles.Environments, name));

        Assert.Equal([ServiceNames.Predictor], services.Where(s => s.Public).Select(s => s.Name));
        Assert.Equal([ServiceNames.Console], services.Where(s => s.Iap).Select(s => s.Name));
        Assert.Equal([ServiceNames.Predictor], services.Where(s => s.Ingress == "all").Select(s => s.Name));
        Assert.Equal([ServiceNames.Console], services.Where(s => s.Ingress == "internal-and-cloud-load-balancing").Select(s => s.Name));
        Assert.All(services.Where(s => !s.Public && !s.Iap), s => Assert.Equal("internal", s.Ingress));
        Assert.All(services.Where(s => !s.Public && !s.Iap), s => Assert.Contains("run.googleapis.com/ingress: internal\n", KnativeManifest.ToYaml(s), StringComparison.Ordinal));
    }
}
