using MlOps.GitOps.Bootstrap;
using MlOps.GitOps.Loading;
using MlOps.GitOps.Model;
using MlOps.GitOps.Rendering;

namespace MlOps.GitOps.Tests;

public sealed class BootstrapTests
{
    private static BootstrapPlan Plan(string environment) =>
        BootstrapPlanner.Plan(EnvironmentLoader.LoadValid(RepositoryFiles.Environments, environment));

    private static string Script(string environment) => Plan(environment).ToScript();

    [Theory]
    [InlineData("dev")]
    [InlineData("staging")]
    [InlineData("prod")]
    public void Every_topic_and_subscription_is_created_behind_a_describe(string environment)
    {
        var script = Script(environment);
        var p = $"--project=acme-mlops-{environment}";

        var topics = MessagingNames.MessageTopics.Concat(MessagingNames.Endpoints).Append(MessagingNames.PredictionLogs);
        foreach (var topic in topics)
        {
            Assert.Contains($"gcloud pubsub topics describe {topic} {p} >/dev/null 2>&1 || gcloud pubsub topics create {topic} {p}\n", script, StringComparison.Ordinal);
        }

        foreach (var subscription in MessagingNames.Endpoints.Append(MessagingNames.PredictionLogs))
        {
            // The deadline the transport gives the subscriptions it creates; Pub/Sub's own default would be 10 s.
            Assert.Contains($"gcloud pubsub subscriptions describe {subscription} {p} >/dev/null 2>&1 || gcloud pubsub subscriptions create {subscription} {p} --topic={subscription} --ack-deadline={MlOps.PubSub.PubSubSubscriptions.DefaultAckDeadlineSeconds}\n", script, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void The_collector_configuration_every_sidecar_mounts_is_a_secret_every_service_account_may_read(string environment)
    {
        var spec = EnvironmentLoader.LoadValid(RepositoryFiles.Environments, environment);
        var steps = Plan(environment).Steps.ToList();

        var create = Assert.Single(steps, s => s.Command.StartsWith($"gcloud secrets create {KnativeManifest.CollectorConfigSecret} ", StringComparison.Ordinal));
        var version = Assert.Single(steps, s => s.Command.StartsWith($"gcloud secrets versions add {KnativeManifest.CollectorConfigSecret} ", StringComparison.Ordinal));
        Assert.EndsWith($"--data-file={BootstrapPlanner.CollectorConfigPath}", version.Command, StringComparison.Ordinal);
        Assert.Contains($"| cmp -s - {BootstrapPlanner.CollectorConfigPath}", version.Guard, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(Repository.Root, BootstrapPlanner.CollectorConfigPath)));
        Assert.True(steps.IndexOf(create) < steps.IndexOf(version));
        foreach (var service in spec.Services)
        {
            Assert.Single(steps, s => s.Command.StartsWith($"gcloud secrets add-iam-policy-binding {KnativeManifest.CollectorConfigSecret} ", StringComparison.Ordinal)
                && s.Command.Contains($"serviceAccount:{service.ServiceAccount}@", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void The_log_sink_routes_prediction_entries_of_the_predictor_to_prediction_logs_and_may_publish_there()
    {
        var steps = Plan("prod").Steps;

        var sink = Assert.Single(steps, s => s.Command.StartsWith("gcloud logging sinks create mlops-prediction-logs ", StringComparison.Ordinal));
        Assert.Equal("gcloud logging sinks describe mlops-prediction-logs --project=acme-mlops-prod", sink.Guard);
        Assert.Contains(" pubsub.googleapis.com/projects/acme-mlops-prod/topics/prediction-logs ", sink.Command, StringComparison.Ordinal);
        Assert.Contains("resource.type=\"cloud_run_revision\"", sink.Command, StringComparison.Ordinal);
        Assert.Contains("resource.labels.service_name=\"predictor\"", sink.Command, StringComparison.Ordinal);
        Assert.Contains("logName=\"projects/acme-mlops-prod/logs/run.googleapis.com%2Fstdout\"", sink.Command, StringComparison.Ordinal);
        Assert.Contains("labels.\"mlops.kind\"=\"prediction\"", sink.Command, StringComparison.Ordinal);

        var grant = Assert.Single(steps, s => s.Command.Contains("--role=roles/pubsub.publisher", StringComparison.Ordinal));
        Assert.StartsWith("gcloud pubsub topics add-iam-policy-binding prediction-logs --project=acme-mlops-prod", grant.Command, StringComparison.Ordinal);
        Assert.Contains("--member=\"$(gcloud logging sinks describe mlops-prediction-logs --project=acme-mlops-prod --format='value(writerIdentity)')\"", grant.Command, StringComparison.Ordinal);
        Assert.True(steps.ToList().IndexOf(sink) < steps.ToList().IndexOf(grant));
    }

    [Fact]
    public void The_bucket_service_accounts_roles_and_secrets_are_planned()
    {
        var script = Script("staging");
        const string p = "--project=acme-mlops-staging";

        Assert.Contains($"gcloud storage buckets describe gs://acme-mlops-staging-artifacts {p} >/dev/null 2>&1 || gcloud storage buckets create gs://acme-mlops-staging-artifacts {p} --location=europe-west1 --uniform-bucket-level-access", script, StringComparison.Ordinal);
        foreach (var account in new[] { "mlops-trainer", "mlops-registry", "mlops-deployer", "mlops-drift-watcher", "mlops-predictor", "mlops-console", "mlops-build" })
        {
            var email = $"{account}@acme-mlops-staging.iam.gserviceaccount.com";
            Assert.Contains($"gcloud iam service-accounts describe {email} {p} >/dev/null 2>&1 || gcloud iam service-accounts create {account} {p}", script, StringComparison.Ordinal);
        }

        Assert.Contains("--member=serviceAccount:mlops-registry@acme-mlops-staging.iam.gserviceaccount.com --role=roles/cloudsql.client --condition=None", script, StringComparison.Ordinal);
        Assert.Contains("gcloud storage buckets add-iam-policy-binding gs://acme-mlops-staging-artifacts --member=serviceAccount:mlops-predictor@acme-mlops-staging.iam.gserviceaccount.com --role=roles/storage.objectUser", script, StringComparison.Ordinal);
        Assert.Contains($"gcloud secrets describe registry-db-connection {p} >/dev/null 2>&1 || gcloud secrets create registry-db-connection {p} --replication-policy=automatic", script, StringComparison.Ordinal);
        Assert.Contains($"gcloud secrets add-iam-policy-binding registry-db-connection {p} --member=serviceAccount:mlops-registry@acme-mlops-staging.iam.gserviceaccount.com --role=roles/secretmanager.secretAccessor", script, StringComparison.Ordinal);
        Assert.DoesNotContain("--role=roles/run.developer", script, StringComparison.Ordinal);
        Assert.Contains("gcloud artifacts repositories add-iam-policy-binding mlops --project=acme-mlops-dev --location=europe-west1", script, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("staging")]
    [InlineData("prod")]
    public void Each_environment_gets_a_deploy_trigger_on_its_own_branch(string environment)
    {
        var script = Script(environment);

        Assert.Contains($"gcloud builds triggers describe mlops-deploy-{environment} --project=acme-mlops-{environment} --region=europe-west1 >/dev/null 2>&1 || gcloud builds triggers create github --name=mlops-deploy-{environment}", script, StringComparison.Ordinal);
        Assert.Contains($"--branch-pattern='^env/{environment}$' --build-config=cloudbuild-deploy.yaml", script, StringComparison.Ordinal);
        Assert.Equal(environment == "dev", script.Contains("--name=mlops-ci ", StringComparison.Ordinal));
        Assert.Equal(environment == "dev", script.Contains("--pull-request-pattern='^(main|env/.+)$'", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("staging")]
    [InlineData("prod")]
    public void Every_create_is_guarded_by_a_describe_and_every_other_command_is_idempotent_by_itself(string environment)
    {
        foreach (var step in Plan(environment).Steps)
        {
            if (IsIdentityCreate(step.Command))
            {
                // Creating a service identity that exists returns it.
                Assert.Null(step.Guard);
            }
            else if (step.Command.StartsWith("gcloud beta monitoring channels create ", StringComparison.Ordinal) || step.Command.StartsWith("gcloud alpha monitoring policies create ", StringComparison.Ordinal))
            {
                // Google names channels and policies itself: each is found again by its display name.
                Assert.NotNull(step.Guard);
                Assert.Matches(@"^gcloud (beta|alpha) monitoring (channels|policies) list .*--filter='displayName=""[^""]+""' --format='value\(name\)' \| grep -q \.$", step.Guard);
            }
            else if (step.Command.StartsWith("bq ", StringComparison.Ordinal) && step.Command.Contains(" mk ", StringComparison.Ordinal))
            {
                Assert.NotNull(step.Guard);
                Assert.Matches(@"^bq --project_id=\S+ show --dataset \S+$", step.Guard);
            }
            else if (step.Command.StartsWith("gcloud compute backend-services add-backend ", StringComparison.Ordinal))
            {
                // Adding a backend twice is refused: it is added only when the service's backends do not list it.
                Assert.NotNull(step.Guard);
                Assert.Matches(@"^gcloud compute backend-services describe \S+ --global \S+ --format='value\(backends\[\]\.group\)' \| grep -qE '\S+'$", step.Guard);
            }
            else if (step.Command.StartsWith("echo ", StringComparison.Ordinal))
            {
                // What the operator does by hand (a DNS record), with what a describe says; it changes nothing.
                Assert.Null(step.Guard);
                Assert.DoesNotMatch(@" (create|update|add-[a-z-]+|delete) ", step.Command);
            }
            else if (step.Command.Contains(" create ", StringComparison.Ordinal))
            {
                Assert.NotNull(step.Guard);
                Assert.Contains(" describe ", step.Guard, StringComparison.Ordinal);
            }
            else if (step.Command.StartsWith("gcloud secrets versions add ", StringComparison.Ordinal))
            {
                // A new version only when the latest differs from the file.
                Assert.Matches(@"^gcloud secrets versions access latest .* \| cmp -s - \S+$", step.Guard);
            }
            else if (step.Command.StartsWith("gcloud iam roles update ", StringComparison.Ordinal))
            {
                // Sets the whole list (not --add-permissions), so setting it again changes nothing.
                Assert.Null(step.Guard);
                Assert.Contains(" --permissions=", step.Command, StringComparison.Ordinal);
            }
            else if (step.Command.Contains(" update ", StringComparison.Ordinal))
            {
                // Sets the whole definition (a metric's, a job's schedule and target, a policy's channels, a proxy's certificates), so setting it again changes nothing.
                Assert.Null(step.Guard);
                Assert.Matches(@"^gcloud (alpha )?(logging metrics update \S+ .*--config-from-file=|scheduler jobs update pubsub \S+ .*--schedule=|monitoring policies update .*--set-notification-channels=|compute target-https-proxies update \S+ --ssl-certificates=)", step.Command);
            }
            else
            {
                Assert.Null(step.Guard);
                Assert.Matches(@"^(gcloud|bq) ([a-z_=-]+ |--project_id=\S+ )+(add-iam-policy-binding|enable) ", step.Command);
            }
        }
    }

    [Fact]
    public void Planning_twice_gives_the_same_script() => Assert.Equal(Script("prod"), Script("prod"));

    [Theory]
    [InlineData("dev")]
    [InlineData("staging")]
    [InlineData("prod")]
    public void Running_the_bootstrap_again_creates_nothing_new(string environment)
    {
        using var gcloud = new FakeGcloud();
        var plan = Plan(environment);

        var first = BootstrapRunner.Run(plan, TextWriter.Null, line => BashShell.Run(line, gcloud.Environment));
        var firstCalls = gcloud.TakeCalls();
        var second = BootstrapRunner.Run(plan, TextWriter.Null, line => BashShell.Run(line, gcloud.Environment));
        var secondCalls = gcloud.TakeCalls();

        Assert.Null(first);
        Assert.Null(second);
        var creates = plan.Steps.Count(s => s.Guard is not null && IsGuardedCreate(Call(s.Command)));
        Assert.Equal(creates, firstCalls.Count(IsGuardedCreate));
        Assert.DoesNotContain(secondCalls, IsGuardedCreate);
        Assert.Equal(
            plan.Steps.Count(s => s.Command.StartsWith("gcloud compute backend-services add-backend ", StringComparison.Ordinal)),
            firstCalls.Count(c => c.StartsWith("compute backend-services add-backend ", StringComparison.Ordinal)));
        Assert.DoesNotContain(secondCalls, c => c.StartsWith("compute backend-services add-backend ", StringComparison.Ordinal));
        Assert.Equal(
            plan.Steps.Count(s => s.Guard?.Contains(" describe ", StringComparison.Ordinal) == true && !s.Guard.Contains("--format=", StringComparison.Ordinal)),
            secondCalls.Count(c => c.Split(' ').Take(4).Contains("describe") && !c.Contains("--format=", StringComparison.Ordinal)));
    }

    /// <summary>A step's command as the stand-in logs it: gcloud's arguments, or bq with its own.</summary>
    private static string Call(string command) => command.StartsWith("gcloud ", StringComparison.Ordinal) ? command["gcloud ".Length..] : command;

    private static bool IsIdentityCreate(string command) => command.StartsWith("gcloud beta services identity create ", StringComparison.Ordinal);

    /// <summary>A logged call (gcloud's arguments) that creates something a describe guards.</summary>
    private static bool IsGuardedCreate(string call) => call.Split(' ').Take(4).Any(t => t is "create" or "mk") && !IsIdentityCreate("gcloud " + call);

    [Fact]
    public void A_failing_command_stops_the_bootstrap_at_that_step()
    {
        var plan = Plan("dev");
        var ran = 0;

        var failed = BootstrapRunner.Run(plan, TextWriter.Null, _ => ++ran == 3 ? 1 : 0);

        Assert.Same(plan.Steps[2], failed);
        Assert.Equal(3, ran);
    }
}
