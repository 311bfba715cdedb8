using MlOps.GitOps.Bootstrap;
using MlOps.GitOps.Loading;
using MlOps.GitOps.Model;

namespace MlOps.GitOps.Tests;

/// <summary>What bootstrap prepares for the console behind IAP; the bindings on the Cloud Run service come from the deploy build.</summary>
public sealed class ConsoleBootstrapTests
{
    private const string Console = "mlops-console@acme-mlops-prod.iam.gserviceaccount.com";
    private const string P = "--project=acme-mlops-prod";

    private static BootstrapPlan Plan(EnvironmentsFolder folder, string environment) => BootstrapPlanner.Plan(EnvironmentLoader.LoadValid(folder, environment));

    [Fact]
    public void IAP_is_enabled_its_service_agent_created_and_the_build_may_grant_access_to_the_console()
    {
        var plan = Plan(RepositoryFiles.Environments, "prod");
        var commands = plan.Steps.Select(s => s.Command).ToList();

        Assert.Contains("iap.googleapis.com", plan.Apis);
        Assert.Contains($"gcloud beta services identity create --service=iap.googleapis.com {P}", commands);
        Assert.Contains($"gcloud projects add-iam-policy-binding acme-mlops-prod --member=serviceAccount:mlops-build@acme-mlops-prod.iam.gserviceaccount.com --role=roles/iap.admin --condition=None", commands);
        Assert.True(commands.IndexOf($"gcloud services enable {string.Join(' ', plan.Apis)} {P}") < commands.IndexOf($"gcloud beta services identity create --service=iap.googleapis.com {P}"));
    }

    [Fact]
    public void The_console_gets_its_own_account_with_the_telemetry_roles_the_collector_secret_and_no_bucket()
    {
        var plan = Plan(RepositoryFiles.Environments, "prod");

        Assert.Contains(plan.Steps, s => s.Command.StartsWith("gcloud iam service-accounts create mlops-console ", StringComparison.Ordinal));
        Assert.Equal(
            [
                ("roles/logging.logWriter", "project acme-mlops-prod"), ("roles/cloudtrace.agent", "project acme-mlops-prod"), ("roles/monitoring.metricWriter", "project acme-mlops-prod"),
                ("roles/secretmanager.secretAccessor", "secret otel-collector-config"),
            ],
            plan.Grants.Where(g => g.Account == Console).Select(g => (g.Role, g.Resource)));
    }

    [Fact]
    public void No_binding_on_a_Cloud_Run_service_is_planned_before_the_services_exist()
    {
        var script = Plan(RepositoryFiles.Environments, "prod").ToScript();

        Assert.DoesNotContain("gcloud run services add-iam-policy-binding", script, StringComparison.Ordinal);
        Assert.DoesNotContain("gcloud iap web add-iam-policy-binding", script, StringComparison.Ordinal);
        Assert.Contains($"#   {Console}\n", script, StringComparison.Ordinal);
    }

    [Fact]
    public void An_environment_without_a_console_gets_no_IAP()
    {
        using var environments = new TempEnvironments().WithoutConsole();

        var plan = Plan(environments.Folder, "prod");

        Assert.DoesNotContain("iap.googleapis.com", plan.Apis);
        Assert.DoesNotContain(plan.Grants, g => g.Role == "roles/iap.admin");
        Assert.DoesNotContain(plan.Steps, s => s.Command.Contains("mlops-console", StringComparison.Ordinal));
    }
}
