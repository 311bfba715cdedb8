using MlOps.GitOps.Bootstrap;
using MlOps.GitOps.Loading;

namespace MlOps.GitOps.Tests;

/// <summary>Staging turns every Vertex AI feature on, prod only the mirror, dev none: bootstrap prepares exactly what each needs.</summary>
public sealed class VertexBootstrapTests
{
    private const string Agent = "serviceAccount:service-$(gcloud projects describe acme-mlops-staging --format='value(projectNumber)')@gcp-sa-aiplatform.iam.gserviceaccount.com";

    /// <summary>Each custom role, the account it is bound to, and exactly the permissions it holds.</summary>
    private static readonly Dictionary<string, (string Account, string[] Permissions)> Expected = new()
    {
        ["mlopsVertexRegistry"] = ("mlops-registry", ["aiplatform.models.upload", "aiplatform.models.get", "aiplatform.models.list", "aiplatform.models.update", "aiplatform.modelEvaluations.import", "aiplatform.modelEvaluations.list"]),
        ["mlopsVertexDeployer"] = ("mlops-deployer", ["aiplatform.endpoints.create", "aiplatform.endpoints.get", "aiplatform.endpoints.update", "aiplatform.endpoints.deploy", "aiplatform.endpoints.undeploy", "aiplatform.models.get", "aiplatform.models.list", "monitoring.timeSeries.list"]),
        ["mlopsVertexTrainer"] = ("mlops-trainer", ["aiplatform.customJobs.create", "aiplatform.customJobs.get", "aiplatform.customJobs.list", "aiplatform.customJobs.cancel"]),
    };

    public static TheoryData<string> Roles() => new(Expected.Keys);

    private static BootstrapPlan Plan(string environment) =>
        BootstrapPlanner.Plan(EnvironmentLoader.LoadValid(RepositoryFiles.Environments, environment));

    private static string Email(string account, string environment = "staging") => $"{account}@acme-mlops-{environment}.iam.gserviceaccount.com";

    [Theory]
    [InlineData("dev", false)]
    [InlineData("staging", true)]
    [InlineData("prod", true)]
    public void Vertex_AI_is_enabled_where_a_feature_is_on_and_Cloud_Monitoring_everywhere_for_the_anomaly_alerts_and_endpoint_metrics(string environment, bool vertex)
    {
        var plan = Plan(environment);

        var enable = Assert.Single(plan.Steps, s => s.Command.StartsWith("gcloud services enable ", StringComparison.Ordinal)).Command.Split(' ');
        Assert.Equal(vertex, enable.Contains("aiplatform.googleapis.com"));
        Assert.Single(enable, api => api == "monitoring.googleapis.com");
        Assert.Equal(plan.Apis, enable[3..^1]);
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public void Staging_creates_each_custom_role_with_exactly_its_permissions_and_binds_it_to_its_service_only(string role)
    {
        var (account, permissions) = Expected[role];
        var steps = Plan("staging").Steps.ToList();
        const string p = "--project=acme-mlops-staging";

        var create = Assert.Single(steps, s => s.Command.StartsWith($"gcloud iam roles create {role} ", StringComparison.Ordinal));
        Assert.Equal($"gcloud iam roles describe {role} {p}", create.Guard);
        Assert.Contains(" --stage=GA", create.Command, StringComparison.Ordinal);
        var update = Assert.Single(steps, s => s.Command.StartsWith($"gcloud iam roles update {role} ", StringComparison.Ordinal));
        Assert.Equal(permissions.Order(StringComparer.Ordinal), Permissions(create.Command).Order(StringComparer.Ordinal));
        Assert.Equal(permissions.Order(StringComparer.Ordinal), Permissions(update.Command).Order(StringComparer.Ordinal));
        var bindings = steps.Where(s => s.Command.Contains($"--role=projects/acme-mlops-staging/roles/{role} ", StringComparison.Ordinal)).ToList();
        var binding = Assert.Single(bindings);
        Assert.Equal($"gcloud projects add-iam-policy-binding acme-mlops-staging --member=serviceAccount:{Email(account)} --role=projects/acme-mlops-staging/roles/{role} --condition=None", binding.Command);
        Assert.True(steps.IndexOf(create) < steps.IndexOf(update) && steps.IndexOf(update) < steps.IndexOf(binding));
        Assert.True(steps.FindIndex(s => s.Command.StartsWith($"gcloud iam service-accounts create {account} ", StringComparison.Ordinal)) < steps.IndexOf(binding));
    }

    [Fact]
    public void The_permission_lists_live_in_VertexRoles()
    {
        Assert.Equal(Expected.Keys, VertexRoles.All.Select(r => r.Id));
        Assert.All(VertexRoles.All, role => Assert.Equal(Expected[role.Id].Permissions, role.Permissions));
    }

    [Fact]
    public void The_deployer_may_act_as_the_predictor_and_the_trainer_as_itself_and_no_more()
    {
        var grants = Plan("staging").Steps.Where(s => s.Command.StartsWith("gcloud iam service-accounts add-iam-policy-binding ", StringComparison.Ordinal)).Select(s => s.Command);

        Assert.Equal(
            [
                $"gcloud iam service-accounts add-iam-policy-binding {Email("mlops-predictor")} --project=acme-mlops-staging --member=serviceAccount:{Email("mlops-deployer")} --role=roles/iam.serviceAccountUser",
                $"gcloud iam service-accounts add-iam-policy-binding {Email("mlops-trainer")} --project=acme-mlops-staging --member=serviceAccount:{Email("mlops-trainer")} --role=roles/iam.serviceAccountUser",
            ],
            grants);
    }

    [Fact]
    public void The_Vertex_AI_service_agent_exists_before_it_may_read_the_bucket_and_pull_the_images_from_dev()
    {
        var steps = Plan("staging").Steps.ToList();

        var identity = Assert.Single(steps, s => s.Command == "gcloud beta services identity create --service=aiplatform.googleapis.com --project=acme-mlops-staging");
        var bucket = Assert.Single(steps, s => s.Command.Contains("@gcp-sa-aiplatform.", StringComparison.Ordinal) && s.Command.StartsWith("gcloud storage ", StringComparison.Ordinal));
        Assert.Equal($"gcloud storage buckets add-iam-policy-binding gs://acme-mlops-staging-artifacts --member=\"{Agent}\" --role=roles/storage.objectViewer", bucket.Command);
        var pull = Assert.Single(steps, s => s.Command.Contains("@gcp-sa-aiplatform.", StringComparison.Ordinal) && s.Command.StartsWith("gcloud artifacts ", StringComparison.Ordinal));
        Assert.Equal($"gcloud artifacts repositories add-iam-policy-binding mlops --project=acme-mlops-dev --location=europe-west1 --member=\"{Agent}\" --role=roles/artifactregistry.reader", pull.Command);
        Assert.True(steps.IndexOf(identity) < steps.IndexOf(bucket) && steps.IndexOf(identity) < steps.IndexOf(pull));
    }

    [Fact]
    public void Prod_prepares_the_mirror_only()
    {
        var script = Plan("prod").ToScript();

        Assert.Contains("gcloud iam roles create mlopsVertexRegistry ", script, StringComparison.Ordinal);
        Assert.DoesNotContain("mlopsVertexDeployer", script, StringComparison.Ordinal);
        Assert.DoesNotContain("mlopsVertexTrainer", script, StringComparison.Ordinal);
        // The only act-as binding is the gitops deployer's on the build account, which has nothing to do with Vertex AI.
        Assert.DoesNotContain("gcloud iam service-accounts add-iam-policy-binding mlops-predictor@", script, StringComparison.Ordinal);
        Assert.DoesNotContain("gcloud iam service-accounts add-iam-policy-binding mlops-trainer@", script, StringComparison.Ordinal);
        Assert.Contains("@gcp-sa-aiplatform.iam.gserviceaccount.com\" --role=roles/storage.objectViewer", script, StringComparison.Ordinal);
    }

    [Fact]
    public void Dev_with_every_feature_off_gets_none_of_it()
    {
        var plan = Plan("dev");

        Assert.DoesNotContain("aiplatform.googleapis.com", plan.Apis);
        Assert.DoesNotContain(plan.Grants, g => g.Custom || g.Account.Contains("gcp-sa-aiplatform", StringComparison.Ordinal));
        foreach (var absent in new[] { "gcloud iam roles ", "gcloud beta services identity create --service=aiplatform.googleapis.com", "gcp-sa-aiplatform", "roles/storage.objectViewer", "gcloud iam service-accounts add-iam-policy-binding" })
        {
            Assert.DoesNotContain(plan.Steps, s => s.ToShell().Contains(absent, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void The_script_opens_with_the_APIs_and_each_accounts_roles_custom_ones_with_their_permissions()
    {
        var header = Plan("staging").ToScript().Split("set -euo pipefail\n")[0];

        Assert.Contains("# APIs: run.googleapis.com, ", header, StringComparison.Ordinal);
        Assert.Contains(", aiplatform.googleapis.com, monitoring.googleapis.com, ", header, StringComparison.Ordinal);
        Assert.Contains($"#   {Email("mlops-trainer")}\n#     roles/pubsub.editor on project acme-mlops-staging\n", header, StringComparison.Ordinal);
        Assert.Contains("#     projects/acme-mlops-staging/roles/mlopsVertexTrainer on project acme-mlops-staging: aiplatform.customJobs.create, aiplatform.customJobs.get, aiplatform.customJobs.list, aiplatform.customJobs.cancel\n", header, StringComparison.Ordinal);
        Assert.Contains($"#     roles/iam.serviceAccountUser on service account {Email("mlops-predictor")}\n", header, StringComparison.Ordinal);
        Assert.Contains("#   service-<project number>@gcp-sa-aiplatform.iam.gserviceaccount.com\n#     roles/storage.objectViewer on bucket gs://acme-mlops-staging-artifacts\n", header, StringComparison.Ordinal);
        Assert.All(header.TrimEnd('\n').Split('\n'), line => Assert.StartsWith("#", line, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_grant_in_the_summary_is_a_step_of_the_plan()
    {
        var plan = Plan("staging");

        Assert.Equal(plan.Grants.Count, plan.Steps.Count(s => s.Command.Contains("add-iam-policy-binding", StringComparison.Ordinal)));
        Assert.All(plan.Grants.Where(g => g.Custom), g => Assert.Equal(VertexRoles.All.Single(r => g.Role.EndsWith("/" + r.Id, StringComparison.Ordinal)).Permissions, g.Permissions));
    }

    private static IEnumerable<string> Permissions(string command) =>
        command.Split(' ').Single(a => a.StartsWith("--permissions=", StringComparison.Ordinal))["--permissions=".Length..].Split(',');
}
