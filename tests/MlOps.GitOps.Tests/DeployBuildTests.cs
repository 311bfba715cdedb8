using MlOps.Cli;
using MlOps.GitOps.Loading;
using MlOps.GitOps.Rendering;

namespace MlOps.GitOps.Tests;

/// <summary>The deploy build's scripts, run with bash against a stand-in gcloud.</summary>
public sealed class DeployBuildTests
{
    private const string Revision = "predictor-00002-abc";
    private static readonly CloudBuildFile Deploy = CloudBuildFile.Load("cloudbuild-deploy.yaml");
    private static readonly Dictionary<string, string> ShortTimeout = new() { ["_READY_TIMEOUT_SECONDS"] = "3" };

    public static TheoryData<string> Environments() => new(RepositoryFiles.Environments.Names());

    [Fact]
    public void Wait_ready_waits_for_the_Ready_condition_even_when_the_first_condition_listed_is_already_True()
    {
        using var sandbox = OneService();
        // The new revision is up but traffic is not on it yet: only Ready (listed last) says so.
        sandbox.Describe("predictor", 1, 2, 2, Revision, Revision, ("ConfigurationsReady", "True", ""), ("RoutesReady", "Unknown", ""), ("Ready", "Unknown", ""));
        sandbox.Describe("predictor", 2, 2, 2, Revision, Revision, ("ConfigurationsReady", "True", ""), ("RoutesReady", "True", ""), ("Ready", "True", ""));

        var result = sandbox.Run(Deploy, "wait-ready", "acme-mlops-dev", ShortTimeout);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"predictor: ready ({Revision})", result.Output, StringComparison.Ordinal);
        Assert.Equal(2, result.Calls.Count(c => c.StartsWith("run services describe predictor", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void Wait_ready_fails_with_the_message_of_the_Ready_condition_wherever_it_is_listed(int position)
    {
        using var sandbox = OneService();
        List<(string, string, string)> conditions = [("RoutesReady", "True", ""), ("ConfigurationsReady", "False", "Revision failed")];
        conditions.Insert(position, ("Ready", "False", "Revision 'predictor-00002-abc' is not ready: image not found"));
        sandbox.Describe("predictor", 1, 2, 2, Revision, "predictor-00001-xyz", [.. conditions]);

        var result = sandbox.Run(Deploy, "wait-ready", "acme-mlops-dev", ShortTimeout);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("predictor: failed: Revision 'predictor-00002-abc' is not ready: image not found", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Wait_ready_gives_up_at_the_deadline_while_the_latest_spec_is_not_yet_observed()
    {
        using var sandbox = OneService();
        sandbox.Describe("predictor", 1, 3, 2, Revision, Revision, ("Ready", "True", ""), ("ConfigurationsReady", "True", ""), ("RoutesReady", "True", ""));

        var result = sandbox.Run(Deploy, "wait-ready", "acme-mlops-dev", ShortTimeout);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("predictor: not ready after 3 s", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void Exactly_the_public_services_get_the_allUsers_invoker_binding(string environment)
    {
        var spec = EnvironmentLoader.LoadValid(RepositoryFiles.Environments, environment);
        var services = ServiceRenderer.Render(spec);
        using var sandbox = new BuildStepSandbox();
        sandbox.WriteWorkspaceFile("rendered/environment.env", DeployEnvironmentFile.Write(spec, services));

        var result = sandbox.Run(Deploy, "invoker-access", spec.Project);

        Assert.Equal(0, result.ExitCode);
        var granted = result.Calls.Where(c => c.StartsWith("run services add-iam-policy-binding ", StringComparison.Ordinal) && c.Contains("--member=allUsers", StringComparison.Ordinal)).ToList();
        Assert.Equal(services.Where(s => s.Public).Select(s => Grant(s.Name, spec.Project)), granted);
        Assert.Equal(["predictor"], services.Where(s => s.Public).Select(s => s.Name));
        Assert.DoesNotContain(result.Calls, c => c.Contains("remove-iam-policy-binding", StringComparison.Ordinal));
        Assert.All(services.Where(s => !s.Public), s => Assert.Contains(result.Calls, c => c.StartsWith($"run services get-iam-policy {s.Name} ", StringComparison.Ordinal)));
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void Each_caller_may_invoke_what_it_calls_IAPs_agent_the_console_and_its_access_list_may_pass_IAP(string environment)
    {
        var spec = EnvironmentLoader.LoadValid(RepositoryFiles.Environments, environment);
        using var sandbox = new BuildStepSandbox();
        sandbox.WriteWorkspaceFile("rendered/environment.env", DeployEnvironmentFile.Write(spec, ServiceRenderer.Render(spec)));

        var result = sandbox.Run(Deploy, "invoker-access", spec.Project);

        Assert.Equal(0, result.ExitCode);
        var where = $"--project={spec.Project} --region=europe-west1";
        string Invoker(string service, string member) => $"run services add-iam-policy-binding {service} {where} --member={member} --role=roles/run.invoker";
        string Account(string id) => $"serviceAccount:{id}@{spec.Project}.iam.gserviceaccount.com";
        string[] expected =
        [
            Invoker("deployer", Account("mlops-predictor")),
            .. new[] { "registry", "trainer", "deployer", "drift-watcher" }.Select(s => Invoker(s, Account("mlops-console"))),
            Invoker("console", $"serviceAccount:service-{BuildStepSandbox.ProjectNumber}@gcp-sa-iap.iam.gserviceaccount.com"),
        ];
        var granted = result.Calls.Where(c => c.StartsWith("run services add-iam-policy-binding ", StringComparison.Ordinal) && !c.Contains("allUsers", StringComparison.Ordinal));
        Assert.Equal(expected.Order(StringComparer.Ordinal), granted.Order(StringComparer.Ordinal));
        Assert.Equal(
            [$"iap web add-iam-policy-binding --resource-type=cloud-run --service=console {where} --member=group:ml-team@acme.example --role=roles/iap.httpsResourceAccessor --condition=None"],
            result.Calls.Where(c => c.StartsWith("iap web ", StringComparison.Ordinal)));
        Assert.DoesNotContain(result.Calls, c => c.StartsWith("run services add-iam-policy-binding console", StringComparison.Ordinal) && c.Contains("allUsers", StringComparison.Ordinal));
    }

    [Fact]
    public void An_environment_without_a_console_grants_only_the_predictor_on_the_deployer_and_nothing_through_IAP()
    {
        using var environments = new TempEnvironments().WithoutConsole();
        var spec = EnvironmentLoader.LoadValid(environments.Folder, "staging");
        using var sandbox = new BuildStepSandbox();
        sandbox.WriteWorkspaceFile("rendered/environment.env", DeployEnvironmentFile.Write(spec, ServiceRenderer.Render(spec)));

        var result = sandbox.Run(Deploy, "invoker-access", spec.Project);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
            ["run services add-iam-policy-binding deployer --project=acme-mlops-staging --region=europe-west1 --member=serviceAccount:mlops-predictor@acme-mlops-staging.iam.gserviceaccount.com --role=roles/run.invoker"],
            result.Calls.Where(c => c.StartsWith("run services add-iam-policy-binding ", StringComparison.Ordinal) && !c.Contains("allUsers", StringComparison.Ordinal)));
        Assert.DoesNotContain(result.Calls, c => c.StartsWith("iap ", StringComparison.Ordinal));
    }

    [Fact]
    public void A_private_service_that_lets_allUsers_invoke_it_loses_that_binding_and_keeps_the_others()
    {
        var spec = EnvironmentLoader.LoadValid(RepositoryFiles.Environments, "staging");
        using var sandbox = new BuildStepSandbox();
        sandbox.WriteWorkspaceFile("rendered/environment.env", DeployEnvironmentFile.Write(spec, ServiceRenderer.Render(spec)));
        sandbox.IamPolicy("registry", ("roles/run.invoker", "serviceAccount:mlops-trainer@acme-mlops-staging.iam.gserviceaccount.com"), ("roles/run.invoker", "allUsers"));

        var result = sandbox.Run(Deploy, "invoker-access", spec.Project);

        Assert.Equal(0, result.ExitCode);
        var removed = Assert.Single(result.Calls, c => c.Contains("remove-iam-policy-binding", StringComparison.Ordinal));
        Assert.Equal("run services remove-iam-policy-binding registry --project=acme-mlops-staging --region=europe-west1 --member=allUsers --role=roles/run.invoker", removed);
    }

    [Fact]
    public async Task The_deploy_build_renders_dev_with_the_digest_each_tag_resolves_to_now()
    {
        var spec = EnvironmentLoader.LoadValid(RepositoryFiles.Environments, "dev");
        using var sandbox = new BuildStepSandbox();
        sandbox.WriteWorkspaceFile("rendered/environment.env", DeployEnvironmentFile.Write(spec, ServiceRenderer.Render(spec)));
        foreach (var (service, i) in spec.Services.Select((s, i) => (s, i)))
        {
            sandbox.Digest(service.Image, Digest((char)('a' + i)));
        }

        var resolved = sandbox.Run(Deploy, "resolve-images", spec.Project);
        var render = Deploy.Script("render-pinned");
        var code = await CliApp.RunAsync(
            ["env", "render", "dev", "--out", Path.Combine(sandbox.Workspace, "rendered"), "--images", Path.Combine(sandbox.Workspace, "pinned-images"), "--environments", RepositoryFiles.Environments.Directory],
            CliConsole.Capture(new StringWriter(), new StringWriter()));

        Assert.Equal(0, resolved.ExitCode);
        Assert.Contains("--out /workspace/rendered --images /workspace/pinned-images", render, StringComparison.Ordinal);
        Assert.Equal(0, code);
        var predictor = File.ReadAllText(Path.Combine(sandbox.Workspace, "rendered", "predictor.yaml"));
        Assert.Contains($"image: europe-west1-docker.pkg.dev/acme-mlops-dev/mlops/predictor@{Digest('e')}\n", predictor, StringComparison.Ordinal);
        Assert.DoesNotContain(":main", predictor, StringComparison.Ordinal);
        Assert.Contains($"trainer=europe-west1-docker.pkg.dev/acme-mlops-dev/mlops/trainer@{Digest('a')}",
            File.ReadAllText(Path.Combine(sandbox.Workspace, "rendered", DeployEnvironmentFile.FileName)), StringComparison.Ordinal);
    }

    [Fact]
    public void Images_pinned_in_the_environment_are_not_looked_up()
    {
        var spec = EnvironmentLoader.LoadValid(RepositoryFiles.Environments, "prod");
        using var sandbox = new BuildStepSandbox();
        sandbox.WriteWorkspaceFile("rendered/environment.env", DeployEnvironmentFile.Write(spec, ServiceRenderer.Render(spec)));

        var result = sandbox.Run(Deploy, "resolve-images", spec.Project);

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.Calls);
        Assert.Equal("", File.ReadAllText(Path.Combine(sandbox.Workspace, "pinned-images")));
    }

    [Fact]
    public void A_tag_that_resolves_to_no_digest_stops_the_deploy()
    {
        var spec = EnvironmentLoader.LoadValid(RepositoryFiles.Environments, "dev");
        using var sandbox = new BuildStepSandbox();
        sandbox.WriteWorkspaceFile("rendered/environment.env", DeployEnvironmentFile.Write(spec, ServiceRenderer.Render(spec)));

        var result = sandbox.Run(Deploy, "resolve-images", spec.Project);

        Assert.NotEqual(0, result.ExitCode);
    }

    private static BuildStepSandbox OneService()
    {
        var sandbox = new BuildStepSandbox();
        sandbox.WriteWorkspaceFile("rendered/environment.env", "MLOPS_REGION=europe-west1\nMLOPS_SERVICES=\"predictor\"\n");
        return sandbox;
    }

    private static string Grant(string service, string project) =>
        $"run services add-iam-policy-binding {service} --project={project} --region=europe-west1 --member=allUsers --role=roles/run.invoker";

    private static string Digest(char c) => "sha256:" + new string(c, 64);
}
