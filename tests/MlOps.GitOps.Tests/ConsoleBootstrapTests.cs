using MlOps.GitOps.Bootstrap;
using MlOps.GitOps.Loading;
using MlOps.GitOps.Model;

namespace MlOps.GitOps.Tests;

/// <summary>
/// What bootstrap prepares for the console behind IAP, and the load balancer people reach it through; the bindings on
/// the Cloud Run service come from the deploy build.
/// </summary>
public sealed class ConsoleBootstrapTests
{
    private const string Console = "mlops-console@acme-mlops-prod.iam.gserviceaccount.com";
    private const string P = "--project=acme-mlops-prod";
    private const string Certificate = "mlops-console-console-mlops-acme-example";

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

    [Fact]
    public void The_console_gets_an_external_Application_Load_Balancer_for_its_domain_each_part_after_what_it_needs()
    {
        var plan = Plan(RepositoryFiles.Environments, "prod");

        Assert.Equal(
            [
                $"gcloud compute addresses create mlops-console-ip --network-tier=PREMIUM --ip-version=IPV4 --global {P}",
                $"gcloud compute network-endpoint-groups create mlops-console-neg --region=europe-west1 --network-endpoint-type=serverless --cloud-run-service=console {P}",
                $"gcloud compute backend-services create mlops-console-backend --load-balancing-scheme=EXTERNAL_MANAGED --global {P}",
                $"gcloud compute backend-services add-backend mlops-console-backend --global --network-endpoint-group=mlops-console-neg --network-endpoint-group-region=europe-west1 {P}",
                $"gcloud compute url-maps create mlops-console-url-map --default-service=mlops-console-backend --global {P}",
                $"gcloud compute ssl-certificates create {Certificate} --domains=console.mlops.acme.example --global {P}",
                $"gcloud compute target-https-proxies create mlops-console-https-proxy --url-map=mlops-console-url-map --ssl-certificates={Certificate} --global {P}",
                $"gcloud compute target-https-proxies update mlops-console-https-proxy --ssl-certificates={Certificate} --global {P}",
                $"gcloud compute forwarding-rules create mlops-console-https --load-balancing-scheme=EXTERNAL_MANAGED --network-tier=PREMIUM --address=mlops-console-ip --target-https-proxy=mlops-console-https-proxy --global --ports=443 {P}",
                $"echo \"console: point the DNS A record of console.mlops.acme.example at $(gcloud compute addresses describe mlops-console-ip --global {P} --format='value(address)'); https://console.mlops.acme.example/ answers once certificate {Certificate} is ACTIVE (gcloud compute ssl-certificates describe {Certificate} --global {P})\"",
            ],
            plan.Steps.Select(s => s.Command).Where(c => c.Contains("gcloud compute ", StringComparison.Ordinal)));
    }

    [Fact]
    public void Each_part_of_the_load_balancer_is_created_only_when_its_describe_finds_nothing()
    {
        var guards = Plan(RepositoryFiles.Environments, "prod").Steps
            .Where(s => s.Command.StartsWith("gcloud compute ", StringComparison.Ordinal))
            .ToDictionary(s => string.Join(' ', s.Command.Split(' ').Take(5)), s => s.Guard);

        Assert.Equal(
            new Dictionary<string, string?>
            {
                ["gcloud compute addresses create mlops-console-ip"] = $"gcloud compute addresses describe mlops-console-ip --global {P}",
                ["gcloud compute network-endpoint-groups create mlops-console-neg"] = $"gcloud compute network-endpoint-groups describe mlops-console-neg --region=europe-west1 {P}",
                ["gcloud compute backend-services create mlops-console-backend"] = $"gcloud compute backend-services describe mlops-console-backend --global {P}",
                ["gcloud compute backend-services add-backend mlops-console-backend"] = $"gcloud compute backend-services describe mlops-console-backend --global {P} --format='value(backends[].group)' | grep -qE '/regions/europe-west1/networkEndpointGroups/mlops-console-neg(;|$)'",
                ["gcloud compute url-maps create mlops-console-url-map"] = $"gcloud compute url-maps describe mlops-console-url-map --global {P}",
                ["gcloud compute ssl-certificates create " + Certificate] = $"gcloud compute ssl-certificates describe {Certificate} --global {P}",
                ["gcloud compute target-https-proxies create mlops-console-https-proxy"] = $"gcloud compute target-https-proxies describe mlops-console-https-proxy --global {P}",
                ["gcloud compute target-https-proxies update mlops-console-https-proxy"] = null,
                ["gcloud compute forwarding-rules create mlops-console-https"] = $"gcloud compute forwarding-rules describe mlops-console-https --global {P}",
            },
            guards);
    }

    [Fact]
    public void Compute_Engine_is_enabled_before_the_load_balancer_is_made_and_after_IAP_is_prepared()
    {
        var plan = Plan(RepositoryFiles.Environments, "prod");
        var commands = plan.Steps.Select(s => s.Command).ToList();

        Assert.Contains("compute.googleapis.com", plan.Apis);
        var enable = commands.IndexOf($"gcloud services enable {string.Join(' ', plan.Apis)} {P}");
        var agent = commands.IndexOf($"gcloud beta services identity create --service=iap.googleapis.com {P}");
        var address = commands.FindIndex(c => c.StartsWith("gcloud compute addresses create ", StringComparison.Ordinal));
        Assert.True(enable >= 0 && enable < agent && agent < address, $"enable {enable}, IAP agent {agent}, address {address}");
    }

    [Theory]
    [InlineData("dev", "console.dev.mlops.acme.example", "mlops-console-console-dev-mlops-acme-example")]
    [InlineData("staging", "console.staging.mlops.acme.example", "mlops-console-console-staging-mlops-acme-example")]
    public void Every_environment_certifies_its_own_domain_in_its_own_project(string environment, string domain, string certificate)
    {
        var commands = Plan(RepositoryFiles.Environments, environment).Steps.Select(s => s.Command).ToList();
        var p = $"--project=acme-mlops-{environment}";

        Assert.Contains($"gcloud compute ssl-certificates create {certificate} --domains={domain} --global {p}", commands);
        Assert.Contains($"gcloud compute target-https-proxies update mlops-console-https-proxy --ssl-certificates={certificate} --global {p}", commands);
        Assert.Single(commands, c => c.StartsWith("gcloud compute forwarding-rules create ", StringComparison.Ordinal));
    }

    [Fact]
    public void Another_domain_gets_another_certificate_which_the_proxy_is_then_set_to()
    {
        using var environments = new TempEnvironments();
        environments.Set("prod", "services/console/iap/domain", "ml.ops.acme.example");

        var commands = Plan(environments.Folder, "prod").Steps.Select(s => s.Command).ToList();

        Assert.Contains($"gcloud compute ssl-certificates create mlops-console-ml-ops-acme-example --domains=ml.ops.acme.example --global {P}", commands);
        Assert.Contains($"gcloud compute target-https-proxies update mlops-console-https-proxy --ssl-certificates=mlops-console-ml-ops-acme-example --global {P}", commands);
        Assert.DoesNotContain(commands, c => c.Contains(Certificate, StringComparison.Ordinal));
    }

    [Fact]
    public void A_certificate_for_a_long_domain_keeps_to_Compute_Engine_names_and_apart_from_another()
    {
        var label = new string('a', 60);
        var first = new LoadBalancerNames("console", $"console.{label}.{label}.first.acme.example");
        var second = new LoadBalancerNames("console", $"console.{label}.{label}.second.acme.example");

        Assert.All([first.Certificate, second.Certificate], name =>
        {
            Assert.InRange(name.Length, 1, 63);
            Assert.Matches("^[a-z]([-a-z0-9]*[a-z0-9])?$", name);
            Assert.StartsWith("mlops-console-console-aaaa", name, StringComparison.Ordinal);
        });
        Assert.NotEqual(first.Certificate, second.Certificate);
    }

    [Fact]
    public void A_console_on_ingress_all_without_a_domain_gets_no_load_balancer()
    {
        using var environments = new TempEnvironments().WithoutIapOnTheConsole();
        environments.Set("base", "services/console/ingress", "all").Set("base", "services/console/iap", "{ access: [group:ml-team@acme.example] }");

        var plan = Plan(environments.Folder, "prod");

        Assert.Contains("iap.googleapis.com", plan.Apis);
        Assert.DoesNotContain("compute.googleapis.com", plan.Apis);
        Assert.DoesNotContain(plan.Steps, s => s.Command.Contains("gcloud compute ", StringComparison.Ordinal));
    }

    [Fact]
    public void A_console_on_ingress_all_with_a_domain_still_gets_its_load_balancer()
    {
        using var environments = new TempEnvironments();
        environments.Set("base", "services/console/ingress", "all");

        var plan = Plan(environments.Folder, "prod");

        Assert.Contains("compute.googleapis.com", plan.Apis);
        Assert.Single(plan.Steps, s => s.Command.StartsWith("gcloud compute forwarding-rules create mlops-console-https ", StringComparison.Ordinal));
    }

    [Fact]
    public void A_console_behind_a_load_balancer_set_up_elsewhere_gets_none_from_bootstrap()
    {
        using var environments = new TempEnvironments().WithoutIapOnTheConsole();
        environments.Set("prod", "services/console/settings/Console:Iap:Audience", "/projects/918273645012/global/backendServices/4711");

        var plan = Plan(environments.Folder, "prod");

        Assert.DoesNotContain("compute.googleapis.com", plan.Apis);
        Assert.DoesNotContain(plan.Steps, s => s.Command.Contains("gcloud compute ", StringComparison.Ordinal));
    }
}
