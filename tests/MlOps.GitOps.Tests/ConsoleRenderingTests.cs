using MlOps.GitOps.Diff;
using MlOps.GitOps.Loading;
using MlOps.GitOps.Model;
using MlOps.GitOps.Rendering;

namespace MlOps.GitOps.Tests;

/// <summary>The console as rendered: IAP on its Cloud Run service, no bus or bucket, and the access the deploy build grants.</summary>
public sealed class ConsoleRenderingTests
{
    public static TheoryData<string> Environments() => new(RepositoryFiles.Environments.Names());

    private static EnvironmentSpec Spec(string environment) => EnvironmentLoader.LoadValid(RepositoryFiles.Environments, environment);

    private static string Manifest(string environment, string service) => KnativeManifest.ToYaml(ServiceRenderer.Render(Spec(environment), Spec(environment).Service(service)));

    [Theory]
    [MemberData(nameof(Environments))]
    public void The_console_turns_IAP_on_for_its_Cloud_Run_service_admits_only_load_balancers_and_internal_traffic_and_keeps_a_browser_on_one_instance(string environment)
    {
        var manifest = Manifest(environment, ServiceNames.Console);

        Assert.Contains("  annotations:\n    run.googleapis.com/ingress: internal-and-cloud-load-balancing\n    run.googleapis.com/iap-enabled: \"true\"\n    run.googleapis.com/launch-stage: BETA\n", manifest, StringComparison.Ordinal);
        Assert.Contains("      run.googleapis.com/sessionAffinity: \"true\"\n", manifest, StringComparison.Ordinal);
        Assert.Contains("      run.googleapis.com/cpu-throttling: \"true\"\n", manifest, StringComparison.Ordinal);
        Assert.Contains($"serviceAccountName: mlops-console@acme-mlops-{environment}.iam.gserviceaccount.com", manifest, StringComparison.Ordinal);
        Assert.Empty(KnativeServiceChecker.Check(manifest));
    }

    [Fact]
    public void A_console_with_ingress_all_renders_it_beside_IAP_on_the_service()
    {
        using var environments = new TempEnvironments();
        environments.Set("base", "services/console/ingress", "all");
        var spec = EnvironmentLoader.LoadValid(environments.Folder, "prod");

        var manifest = KnativeManifest.ToYaml(ServiceRenderer.Render(spec, spec.Service(ServiceNames.Console)));

        Assert.Contains("  annotations:\n    run.googleapis.com/ingress: all\n    run.googleapis.com/iap-enabled: \"true\"\n", manifest, StringComparison.Ordinal);
        Assert.Empty(KnativeServiceChecker.Check(manifest));
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void No_service_of_the_loop_is_behind_IAP_or_pinned_to_an_instance(string environment)
    {
        Assert.All(ServiceNames.Loop, service =>
        {
            var manifest = Manifest(environment, service);
            Assert.DoesNotContain("iap-enabled", manifest, StringComparison.Ordinal);
            Assert.DoesNotContain("sessionAffinity", manifest, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void The_console_gets_its_settings_and_telemetry_and_neither_the_bus_nor_the_bucket()
    {
        var spec = Spec("prod");
        var console = ServiceRenderer.Render(spec, spec.Service(ServiceNames.Console));
        var manifest = KnativeManifest.ToYaml(console);

        Assert.Equal(
            [
                "OTEL_SERVICE_NAME", "OTEL_EXPORTER_OTLP_ENDPOINT", "Console__Iap__Audience", "Console__Operators", "MlOps__Identity__Tokens",
                "services__deployer__http__0", "services__drift-watcher__http__0", "services__registry__http__0", "services__trainer__http__0",
            ],
            console.Env.Select(e => e.Name));
        Assert.Equal("/projects/918273645012/locations/europe-west1/services/console", console.Env.Single(e => e.Name == "Console__Iap__Audience").Value.ToString());
        Assert.DoesNotContain("gcsfuse", manifest, StringComparison.Ordinal);
        Assert.DoesNotContain("volumeMounts:\n        - name: artifacts", manifest, StringComparison.Ordinal);
        Assert.Contains($"secretName: {KnativeManifest.CollectorConfigSecret}", manifest, StringComparison.Ordinal);
    }

    [Fact]
    public void The_environment_file_says_who_invokes_whom_which_services_are_behind_IAP_and_who_may_pass_it()
    {
        var spec = Spec("staging");
        var lines = DeployEnvironmentFile.Write(spec, ServiceRenderer.Render(spec)).Split('\n');

        string Account(string id) => $"serviceAccount:{id}@acme-mlops-staging.iam.gserviceaccount.com";
        Assert.Contains(
            $"MLOPS_INVOKERS=\"deployer={Account("mlops-predictor")} registry={Account("mlops-console")} trainer={Account("mlops-console")} deployer={Account("mlops-console")} drift-watcher={Account("mlops-console")}\"",
            lines);
        Assert.Contains("MLOPS_IAP_SERVICES=\"console\"", lines);
        Assert.Contains("MLOPS_IAP_ACCESS=\"console=group:ml-team@acme.example\"", lines);
        Assert.Contains("MLOPS_PUBLIC_SERVICES=\"predictor\"", lines);
    }

    [Fact]
    public void A_diff_shows_the_console_appearing_and_what_changes_between_environments()
    {
        using var without = new TempEnvironments().WithoutConsole();

        var added = EnvironmentDiff.Compare(EnvironmentLoader.LoadValid(without.Folder, "prod"), Spec("prod")).Where(e => e.Scope == ServiceNames.Console).ToList();
        var promoted = EnvironmentDiff.Compare(Spec("staging"), Spec("prod")).Where(e => e.Scope == ServiceNames.Console).Select(e => e.Key).ToList();

        Assert.All(added, e => Assert.Equal("added", e.Change));
        Assert.Contains(added, e => e.Key == "iap.access" && e.To == "group:ml-team@acme.example");
        Assert.Contains(added, e => e.Key == "iap.domain" && e.To == "console.mlops.acme.example");
        Assert.Contains(added, e => e.Key == "ingress" && e.To == "internal-and-cloud-load-balancing");
        Assert.Contains("env.Console__Iap__Audience", promoted);
        Assert.Contains("iap.domain", promoted);
        Assert.DoesNotContain("image", promoted);
    }
}
