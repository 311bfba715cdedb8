using MlOps.GitOps.Loading;
using MlOps.GitOps.Model;
using MlOps.GitOps.Rendering;

namespace MlOps.GitOps.Tests;

/// <summary>The renderer derives what a service needs to call Vertex AI, and only for a service whose feature is on.</summary>
public sealed class VertexRenderingTests
{
    private static readonly string[] Google = ["MlOps__Google__Project", "MlOps__Google__Location", "MlOps__Google__Bucket"];

    private static Dictionary<string, string> Env(EnvironmentSpec spec, string service) =>
        ServiceRenderer.Render(spec, spec.Service(service)).Env.ToDictionary(e => e.Name, e => e.Value.ToString()!);

    private static IEnumerable<string> VertexVariables(IReadOnlyDictionary<string, string> env) =>
        env.Keys.Where(k => k.StartsWith("MlOps__Google__", StringComparison.Ordinal) || k.Contains("__Vertex__", StringComparison.Ordinal) || k.StartsWith("Trainer__CustomJob__", StringComparison.Ordinal));

    [Fact]
    public void Staging_gives_each_service_that_calls_Vertex_AI_the_project_region_bucket_and_its_own_derived_values()
    {
        var spec = EnvironmentLoader.LoadValid(RepositoryFiles.Environments, "staging");
        var registry = Env(spec, ServiceNames.Registry);
        var deployer = Env(spec, ServiceNames.Deployer);
        var trainer = Env(spec, ServiceNames.Trainer);

        foreach (var env in new[] { registry, deployer, trainer })
        {
            Assert.Equal("acme-mlops-staging", env["MlOps__Google__Project"]);
            Assert.Equal("europe-west1", env["MlOps__Google__Location"]);
            Assert.Equal("acme-mlops-staging-artifacts", env["MlOps__Google__Bucket"]);
        }

        Assert.Equal(spec.Service(ServiceNames.Predictor).Image, registry["Registry__Vertex__ServingImage"]);
        Assert.Equal("mlops-predictor@acme-mlops-staging.iam.gserviceaccount.com", deployer["Deployer__Vertex__ServiceAccount"]);
        Assert.Equal(spec.Service(ServiceNames.Trainer).Image, trainer["Trainer__CustomJob__Image"]);
        Assert.Equal("mlops-trainer@acme-mlops-staging.iam.gserviceaccount.com", trainer["Trainer__CustomJob__ServiceAccount"]);
        Assert.Equal([.. Google, "Registry__Vertex__ServingImage", "Registry__Vertex__Mirror"], VertexVariables(registry));
        Assert.Equal([.. Google, "Deployer__Vertex__ServiceAccount", "Deployer__Vertex__MachineType", "Deployer__Vertex__MaxReplicas", "Deployer__Vertex__MinReplicas"], VertexVariables(deployer));
        Assert.Equal([.. Google, "Trainer__CustomJob__Image", "Trainer__CustomJob__ServiceAccount", "Trainer__CustomJob__MachineType"], VertexVariables(trainer));
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("staging")]
    [InlineData("prod")]
    public void The_predictor_and_the_drift_watcher_never_get_them(string environment)
    {
        var spec = EnvironmentLoader.LoadValid(RepositoryFiles.Environments, environment);

        Assert.Empty(VertexVariables(Env(spec, ServiceNames.Predictor)));
        Assert.Empty(VertexVariables(Env(spec, ServiceNames.DriftWatcher)));
    }

    [Fact]
    public void Dev_with_every_feature_off_renders_none_of_them()
    {
        var spec = EnvironmentLoader.LoadValid(RepositoryFiles.Environments, "dev");

        Assert.All(ServiceNames.All, service => Assert.Empty(VertexVariables(Env(spec, service))));
    }

    [Fact]
    public void Prod_with_only_the_mirror_on_renders_them_for_the_registry_alone()
    {
        var spec = EnvironmentLoader.LoadValid(RepositoryFiles.Environments, "prod");

        Assert.Equal([.. Google, "Registry__Vertex__ServingImage", "Registry__Vertex__Mirror"], VertexVariables(Env(spec, ServiceNames.Registry)));
        // Prod's deployer calls Cloud Build (gitops), in the project and region; nothing of Vertex AI.
        Assert.Equal(["MlOps__Google__Project", "MlOps__Google__Location"], VertexVariables(Env(spec, ServiceNames.Deployer)));
        Assert.Empty(VertexVariables(Env(spec, ServiceNames.Trainer)));
    }

    [Theory]
    [InlineData("services/registry/settings/Registry:Vertex:Mirror", "true", ServiceNames.Registry, "Registry__Vertex__ServingImage")]
    [InlineData("services/trainer/settings/Trainer:Backend", "CustomJob", ServiceNames.Trainer, "Trainer__CustomJob__Image")]
    public void Turning_one_feature_on_in_dev_renders_its_variables_for_its_service_only(string path, string value, string service, string variable)
    {
        using var environments = new TempEnvironments();
        environments.Set("dev", path, value);

        var spec = EnvironmentLoader.LoadValid(environments.Folder, "dev");

        Assert.Contains(variable, Env(spec, service).Keys);
        Assert.Equal("acme-mlops-dev", Env(spec, service)["MlOps__Google__Project"]);
        Assert.All(ServiceNames.All.Where(s => s != service), other => Assert.Empty(VertexVariables(Env(spec, other))));
    }

    [Fact]
    public void The_serving_image_is_the_digest_a_deploy_build_pinned_the_predictor_to()
    {
        using var environments = new TempEnvironments();
        environments.Set("dev", "services/registry/settings/Registry:Vertex:Mirror", "true");
        var pinned = "europe-west1-docker.pkg.dev/acme-mlops-dev/mlops/predictor@sha256:" + new string('c', 64);
        var spec = ImagePins.Apply(EnvironmentLoader.LoadValid(environments.Folder, "dev"), ImagePins.Parse($"predictor={pinned}\n", "pinned"), "pinned");

        Assert.Equal(pinned, Env(spec, ServiceNames.Registry)["Registry__Vertex__ServingImage"]);
    }

    [Fact]
    public void Rendering_staging_twice_gives_the_same_manifests()
    {
        var spec = EnvironmentLoader.LoadValid(RepositoryFiles.Environments, "staging");

        Assert.Equal(ServiceRenderer.Render(spec).Select(KnativeManifest.ToYaml), ServiceRenderer.Render(spec).Select(KnativeManifest.ToYaml));
    }
}
