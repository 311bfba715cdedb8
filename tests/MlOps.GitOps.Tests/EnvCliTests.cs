using MlOps.Cli;

namespace MlOps.GitOps.Tests;

public sealed class EnvCliTests
{
    private static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CliApp.RunAsync(args, CliConsole.Capture(output, error));
        return (code, output.ToString(), error.ToString());
    }

    private static string Repository => RepositoryFiles.Environments.Directory;

    [Fact]
    public async Task Validate_without_a_name_checks_every_environment_and_exits_0()
    {
        var (code, output, error) = await Run("env", "validate", "--environments", Repository);

        Assert.Equal(0, code);
        Assert.Equal("dev: valid\nstaging: valid\nprod: valid\n", output.ReplaceLineEndings("\n"));
        Assert.Empty(error);
    }

    [Fact]
    public async Task Validate_prints_one_error_line_per_problem_and_exits_1()
    {
        using var environments = new TempEnvironments();
        environments.Set("prod", "services/trainer/ingress", "all").Set("prod", "services/trainer/image", "europe-west1-docker.pkg.dev/acme-mlops-dev/mlops/trainer:main");

        var (code, output, error) = await Run("env", "validate", "prod", "--environments", environments.Directory);

        Assert.Equal(1, code);
        Assert.Contains("prod: 2 problem(s)", output, StringComparison.Ordinal);
        var lines = error.ReplaceLineEndings("\n").TrimEnd().Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.All(lines, l => Assert.StartsWith("error: environments/prod/environment.yaml:", l, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Render_writes_a_manifest_per_service_and_the_environment_file()
    {
        var output = Path.Combine(Path.GetTempPath(), "mlops-render-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (code, _, error) = await Run("env", "render", "staging", "--out", output, "--environments", Repository);

            Assert.Equal(0, code);
            Assert.Empty(error);
            Assert.Equal(["console.yaml", "deployer.yaml", "drift-watcher.yaml", "environment.env", "predictor.yaml", "registry.yaml", "trainer.yaml"],
                Directory.GetFiles(output).Select(Path.GetFileName).Order(StringComparer.Ordinal));
            Assert.All(Directory.GetFiles(output, "*.yaml"), f => Assert.Empty(KnativeServiceChecker.Check(File.ReadAllText(f))));
            Assert.Equal(
                "MLOPS_ENVIRONMENT=staging\nMLOPS_PROJECT=acme-mlops-staging\nMLOPS_REGION=europe-west1\nMLOPS_SERVICES=\"trainer registry deployer drift-watcher predictor console\"\n"
                + "MLOPS_PUBLIC_SERVICES=\"predictor\"\n",
                string.Concat(File.ReadAllLines(Path.Combine(output, "environment.env")).Take(5).Select(l => l + "\n")));
            var images = File.ReadAllLines(Path.Combine(output, "environment.env"))[5];
            Assert.StartsWith("MLOPS_IMAGES=\"trainer=europe-west1-docker.pkg.dev/acme-mlops-dev/mlops/trainer@sha256:", images, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    [Fact]
    public async Task Render_refuses_an_invalid_environment_with_exit_1()
    {
        using var environments = new TempEnvironments();
        environments.Set("staging", "services/registry/settings/Registry:Gate:MinimumAuc", "1.2");

        var (code, output, error) = await Run("env", "render", "staging", "--environments", environments.Directory);

        Assert.Equal(1, code);
        Assert.Empty(output);
        Assert.StartsWith("error: environments/staging/environment.yaml:", error, StringComparison.Ordinal);
        Assert.Contains("services.registry.settings.Registry:Gate:MinimumAuc: 1.2 is out of range", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Diff_against_another_checkout_shows_what_a_merge_changes()
    {
        using var next = new TempEnvironments();
        next.Set("staging", "services/trainer/settings/Trainer:Algorithm", "FastTree");

        var (code, output, _) = await Run("env", "diff", "staging", "staging", "--from-environments", Repository, "--environments", next.Directory);

        Assert.Equal(0, code);
        Assert.Equal("staging -> staging: 1 change(s)\n\ntrainer\n  ~ env.Trainer__Algorithm: LightGbm -> FastTree\n", output.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Bootstrap_dry_run_prints_the_guarded_script_and_runs_nothing()
    {
        var (code, output, error) = await Run("env", "bootstrap", "dev", "--dry-run", "--environments", Repository);

        Assert.Equal(0, code);
        Assert.Empty(error);
        Assert.StartsWith("#!/usr/bin/env bash\n", output, StringComparison.Ordinal);
        Assert.Contains("gcloud pubsub topics describe model-promoted --project=acme-mlops-dev >/dev/null 2>&1 || gcloud pubsub topics create model-promoted --project=acme-mlops-dev\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bootstrap_dry_run_as_json_lists_each_step_with_its_guard()
    {
        var (code, output, _) = await Run("env", "bootstrap", "prod", "--dry-run", "--json", "--environments", Repository);

        Assert.Equal(0, code);
        using var json = System.Text.Json.JsonDocument.Parse(output);
        var steps = json.RootElement.GetProperty("steps").EnumerateArray().ToList();
        Assert.Contains(steps, s => s.GetProperty("command").GetString()!.StartsWith("gcloud logging sinks create", StringComparison.Ordinal)
            && s.GetProperty("guard").GetString()!.StartsWith("gcloud logging sinks describe", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Bootstrap_dry_run_lists_the_APIs_and_each_accounts_roles_before_the_commands()
    {
        var (code, output, _) = await Run("env", "bootstrap", "staging", "--dry-run", "--environments", Repository);

        Assert.Equal(0, code);
        var header = output.ReplaceLineEndings("\n").Split("set -euo pipefail\n")[0];
        Assert.Contains("# APIs: run.googleapis.com, ", header, StringComparison.Ordinal);
        Assert.Contains("aiplatform.googleapis.com", header, StringComparison.Ordinal);
        Assert.Contains("#   mlops-registry@acme-mlops-staging.iam.gserviceaccount.com\n", header, StringComparison.Ordinal);
        Assert.Contains("#     projects/acme-mlops-staging/roles/mlopsVertexRegistry on project acme-mlops-staging: aiplatform.models.upload, ", header, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bootstrap_dry_run_as_json_lists_the_APIs_and_each_accounts_predefined_and_custom_roles()
    {
        var (code, output, _) = await Run("env", "bootstrap", "staging", "--dry-run", "--json", "--environments", Repository);

        Assert.Equal(0, code);
        using var json = System.Text.Json.JsonDocument.Parse(output);
        var apis = json.RootElement.GetProperty("apis").EnumerateArray().Select(a => a.GetString()).ToList();
        Assert.Contains("aiplatform.googleapis.com", apis);
        Assert.Contains("monitoring.googleapis.com", apis);
        var deployer = json.RootElement.GetProperty("accounts").EnumerateArray()
            .Single(a => a.GetProperty("account").GetString() == "mlops-deployer@acme-mlops-staging.iam.gserviceaccount.com")
            .GetProperty("roles").EnumerateArray().ToList();
        var custom = Assert.Single(deployer, r => r.GetProperty("custom").GetBoolean());
        Assert.Equal("projects/acme-mlops-staging/roles/mlopsVertexDeployer", custom.GetProperty("role").GetString());
        Assert.Equal("project acme-mlops-staging", custom.GetProperty("on").GetString());
        Assert.Contains("monitoring.timeSeries.list", custom.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()));
        Assert.Contains(deployer, r => r.GetProperty("role").GetString() == "roles/iam.serviceAccountUser"
            && r.GetProperty("on").GetString() == "service account mlops-predictor@acme-mlops-staging.iam.gserviceaccount.com"
            && r.GetProperty("permissions").GetArrayLength() == 0);
    }

    [Theory]
    [InlineData("qa", "error: environments/qa/environment.yaml: no such environment (known: dev, staging, prod)")]
    [InlineData("base", "error: environments/base/environment.yaml: base is shared by every environment")]
    public async Task Unknown_environments_exit_1_with_a_one_line_reason(string name, string reason)
    {
        var (code, _, error) = await Run("env", "render", name, "--environments", Repository);

        Assert.Equal(1, code);
        Assert.StartsWith(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_folder_without_environments_exits_1_with_a_one_line_reason()
    {
        var (code, _, error) = await Run("env", "validate", "--environments", Path.GetTempPath());

        Assert.Equal(1, code);
        Assert.StartsWith("error: ", error, StringComparison.Ordinal);
        Assert.Contains("is not an environments folder", error, StringComparison.Ordinal);
    }
}
