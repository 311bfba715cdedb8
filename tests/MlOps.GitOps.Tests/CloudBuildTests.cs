namespace MlOps.GitOps.Tests;

public sealed class CloudBuildTests
{
    private static readonly string[] ServiceProjects =
    [
        "services/Trainer.Host/MlOps.Trainer.Host.csproj", "services/Registry.Host/MlOps.Registry.Host.csproj", "services/Deployer.Host/MlOps.Deployer.Host.csproj",
        "services/DriftWatcher.Host/MlOps.DriftWatcher.Host.csproj", "services/Predictor.Host/MlOps.Predictor.Host.csproj",
        "services/Console.Host/MlOps.Console.Host.csproj",
    ];

    [Fact]
    public void CI_restores_checks_the_style_then_tests_before_anything_is_built_into_an_image_or_pushed()
    {
        var ci = CloudBuildFile.Load("cloudbuild.yaml");

        Assert.Equal(["restore", "lint", "test"], ci.Ids.Take(3));
        Assert.Contains("--verify-no-changes", ci.Script("lint"), StringComparison.Ordinal);
        Assert.Contains("./test.sh", ci.Script("test"), StringComparison.Ordinal);
        var publishing = ci.Ids.Where(id => ci.Script(id).Contains("PublishContainer", StringComparison.Ordinal) || ci.Script(id).Contains("print-access-token", StringComparison.Ordinal)).ToList();
        Assert.Equal(7, publishing.Count);
        Assert.All(publishing, id => Assert.Contains("test", ci.Before(id)));
        Assert.All(publishing, id => Assert.Contains("validate-environments", ci.Before(id)));
    }

    [Fact]
    public void CI_publishes_each_of_the_six_services_to_Artifact_Registry_and_not_for_pull_requests()
    {
        var ci = CloudBuildFile.Load("cloudbuild.yaml");

        foreach (var project in ServiceProjects)
        {
            var id = Assert.Single(ci.Ids, id => ci.Script(id).Contains($"dotnet publish {project}", StringComparison.Ordinal));
            var script = ci.Script(id);
            Assert.Contains("-t:PublishContainer", script, StringComparison.Ordinal);
            Assert.Contains("-p:ContainerRegistry=${_REGION}-docker.pkg.dev", script, StringComparison.Ordinal);
            Assert.Contains("-p:ContainerRepository=$PROJECT_ID/mlops/", script, StringComparison.Ordinal);
            Assert.StartsWith("[ -n \"$_PR_NUMBER\" ] ||", script.Split('\n').Last(), StringComparison.Ordinal);
        }

        Assert.Contains("for service in trainer registry deployer drift-watcher predictor console; do", ci.Script("image-digests"), StringComparison.Ordinal);
    }

    [Fact]
    public void Secrets_come_from_Secret_Manager_and_no_step_writes_one_in_the_config()
    {
        var ci = CloudBuildFile.Load("cloudbuild.yaml");

        var secrets = (YamlDotNet.RepresentationModel.YamlMappingNode)ci.Root["availableSecrets"];
        var version = (YamlDotNet.RepresentationModel.YamlMappingNode)((YamlDotNet.RepresentationModel.YamlSequenceNode)secrets["secretManager"]).Children.Single();
        Assert.Matches("^projects/\\$PROJECT_ID/secrets/[a-z-]+/versions/", CloudBuildFile.Scalar(version, "versionName"));
        var users = ci.Steps.Where(s => s.Children.ContainsKey(new YamlDotNet.RepresentationModel.YamlScalarNode("secretEnv"))).ToList();
        Assert.All(users, s => Assert.Contains("$$GITHUB_TOKEN", string.Join("\n", ci.Args(s)), StringComparison.Ordinal));
        Assert.DoesNotContain(ci.Steps, s => s.Children.ContainsKey(new YamlDotNet.RepresentationModel.YamlScalarNode("env")));
    }

    [Fact]
    public void Deploy_fails_fast_unless_the_branch_is_an_environment_branch()
    {
        var deploy = CloudBuildFile.Load("cloudbuild-deploy.yaml");

        Assert.Equal("environment-branch", deploy.Ids[0]);
        var script = deploy.Script("environment-branch");
        Assert.Contains("branch=\"$BRANCH_NAME\"", script, StringComparison.Ordinal);
        Assert.Contains("env/?*) ;;", script, StringComparison.Ordinal);
        Assert.Contains("exit 1", script, StringComparison.Ordinal);
        Assert.All(deploy.Ids.Skip(1), id => Assert.Contains("environment-branch", deploy.Before(id)));
    }

    [Fact]
    public void Deploy_validates_and_renders_before_replacing_services_and_then_waits_for_readiness()
    {
        var deploy = CloudBuildFile.Load("cloudbuild-deploy.yaml");

        Assert.Contains("env validate", deploy.Script("validate"), StringComparison.Ordinal);
        Assert.Contains("env render", deploy.Script("render"), StringComparison.Ordinal);
        var replace = Assert.Single(deploy.Ids, id => deploy.Script(id).Contains("gcloud run services replace", StringComparison.Ordinal));
        Assert.Superset(new HashSet<string> { "environment-branch", "validate", "render" }, deploy.Before(replace).ToHashSet());
        Assert.Contains("\"$$MLOPS_PROJECT\" != \"$PROJECT_ID\"", deploy.Script(replace), StringComparison.Ordinal);
        var wait = Assert.Single(deploy.Ids, id => deploy.Script(id).Contains("gcloud run services describe", StringComparison.Ordinal));
        Assert.Contains(replace, deploy.Before(wait));
        Assert.Contains("latestReadyRevisionName", deploy.Script(wait), StringComparison.Ordinal);
    }

    [Fact]
    public void Deploy_replaces_services_with_manifests_rendered_from_resolved_digests_and_opens_public_services_once_ready()
    {
        var deploy = CloudBuildFile.Load("cloudbuild-deploy.yaml");

        Assert.Contains("gcloud artifacts docker images describe", deploy.Script("resolve-images"), StringComparison.Ordinal);
        Assert.Contains("--images /workspace/pinned-images", deploy.Script("render-pinned"), StringComparison.Ordinal);
        Assert.Superset(new HashSet<string> { "render", "resolve-images" }, deploy.Before("render-pinned").ToHashSet());
        Assert.Contains("render-pinned", deploy.Before("deploy"));
        Assert.Contains("wait-ready", deploy.Before("invoker-access"));
        Assert.Equal("invoker-access", Assert.Single(deploy.Ids, id => deploy.Script(id).Contains("--member=allUsers", StringComparison.Ordinal)));
    }
}
