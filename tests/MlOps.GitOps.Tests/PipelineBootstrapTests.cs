using System.Text.Json.Nodes;
using MlOps.Cli;
using MlOps.Contracts;
using MlOps.GitOps.Bootstrap;
using MlOps.GitOps.Loading;
using MlOps.GitOps.Model;
using MlOps.GitOps.Pins;
using MlOps.GitOps.Rendering;
using MlOps.Rehearsal.StandIns.Schema;

namespace MlOps.GitOps.Tests;

/// <summary>
/// What bootstrap and rendering add for rolling out through the pipeline, paging a person and running on a calendar:
/// the gitops deployer's access to the deploy trigger, the anomaly metric, channels and policy, the scheduler jobs and
/// the BigQuery and archive sinks; and the pins the deploy build records.
/// </summary>
public sealed class PipelineBootstrapTests
{
    private static EnvironmentSpec Spec(string environment) => EnvironmentLoader.LoadValid(RepositoryFiles.Environments, environment);

    private static List<BootstrapStep> Steps(string environment) => [.. BootstrapPlanner.Plan(Spec(environment)).Steps];

    private static Dictionary<string, string> Env(EnvironmentSpec spec, string service) =>
        ServiceRenderer.Render(spec, spec.Service(service)).Env.ToDictionary(e => e.Name, e => e.Value.ToString()!);

    [Fact]
    public void A_gitops_deployer_is_rendered_with_its_environments_deploy_trigger_branch_project_and_region()
    {
        var deployer = Env(Spec("prod"), ServiceNames.Deployer);

        Assert.Equal("gitops", deployer["Deployer__Strategy"]);
        Assert.Equal("mlops-deploy-prod", deployer["Deployer__GitOps__Trigger"]);
        Assert.Equal("env/prod", deployer["Deployer__GitOps__Branch"]);
        Assert.Equal("acme-mlops-prod", deployer["MlOps__Google__Project"]);
        Assert.Equal("europe-west1", deployer["MlOps__Google__Location"]);
        Assert.DoesNotContain("Deployer__GitOps__Trigger", Env(Spec("dev"), ServiceNames.Deployer).Keys);
    }

    [Fact]
    public void A_gitops_deployer_may_run_builds_only_through_its_own_role_and_act_as_the_build_account()
    {
        var prod = Steps("prod");
        var plan = BootstrapPlanner.Plan(Spec("prod"));

        var role = Assert.Single(prod, s => s.Command.StartsWith("gcloud iam roles create mlopsDeployBuilds ", StringComparison.Ordinal));
        Assert.Contains("--permissions=cloudbuild.builds.create,cloudbuild.builds.get,cloudbuild.builds.list,cloudbuild.builds.update", role.Command, StringComparison.Ordinal);
        var grant = Assert.Single(plan.Grants, g => g.Role == "projects/acme-mlops-prod/roles/mlopsDeployBuilds");
        Assert.Equal("mlops-deployer@acme-mlops-prod.iam.gserviceaccount.com", grant.Account);
        Assert.Single(prod, s => s.Command.StartsWith("gcloud iam service-accounts add-iam-policy-binding mlops-build@acme-mlops-prod.iam.gserviceaccount.com ", StringComparison.Ordinal)
            && s.Command.Contains("--member=serviceAccount:mlops-deployer@acme-mlops-prod.iam.gserviceaccount.com --role=roles/iam.serviceAccountUser", StringComparison.Ordinal));
        // The deploy build pushes the pin with the GitHub token.
        Assert.Single(prod, s => s.Command.StartsWith("gcloud secrets add-iam-policy-binding github-token ", StringComparison.Ordinal) && s.Command.Contains("mlops-build@", StringComparison.Ordinal));

        Assert.DoesNotContain(Steps("staging"), s => s.Command.Contains("mlopsDeployBuilds", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("staging")]
    [InlineData("prod")]
    public void The_drift_watchers_anomaly_entries_are_counted_by_a_log_based_metric_with_an_alert_policy_paging_the_environments_emails(string environment)
    {
        var steps = Steps(environment);
        var p = $"--project=acme-mlops-{environment}";

        var metric = Assert.Single(steps, s => s.Command.StartsWith($"gcloud logging metrics create {AnomalyAlerting.MetricName} {p} ", StringComparison.Ordinal));
        Assert.Equal($"gcloud logging metrics describe {AnomalyAlerting.MetricName} {p}", metric.Guard);
        Assert.Contains("jsonPayload.anomalyType=\\\"model_monitoring_anomaly\\\"", Document(metric.Command), StringComparison.Ordinal);
        Assert.Single(steps, s => s.Command.StartsWith($"gcloud logging metrics update {AnomalyAlerting.MetricName} {p} ", StringComparison.Ordinal));

        var channel = Assert.Single(steps, s => s.Command.StartsWith($"gcloud beta monitoring channels create {p} ", StringComparison.Ordinal));
        var content = JsonNode.Parse(Document(channel.Command))!;
        Assert.Equal("email", content["type"]!.GetValue<string>());
        Assert.Equal("ml-oncall@acme.example", content["labels"]!["email_address"]!.GetValue<string>());

        var policy = Assert.Single(steps, s => s.Command.StartsWith($"gcloud alpha monitoring policies create {p} ", StringComparison.Ordinal));
        var document = JsonNode.Parse(Document(policy.Command))!;
        Assert.Equal($"MlOps {environment}: model monitoring anomaly", document["displayName"]!.GetValue<string>());
        Assert.Equal($"metric.type=\"logging.googleapis.com/user/{AnomalyAlerting.MetricName}\" AND resource.type=\"cloud_run_revision\"",
            document["conditions"]![0]!["conditionThreshold"]!["filter"]!.GetValue<string>());
        Assert.Contains($"--notification-channels=\"$(gcloud beta monitoring channels list {p} --filter='displayName:\"MlOps {environment}:\"'", policy.Command, StringComparison.Ordinal);
        Assert.True(steps.IndexOf(channel) < steps.IndexOf(policy) && steps.IndexOf(metric) < steps.IndexOf(policy));
        Assert.Contains("monitoring.googleapis.com", BootstrapPlanner.Plan(Spec(environment)).Apis);
    }

    [Fact]
    public void The_anomaly_log_entry_names_of_the_metric_are_the_ones_the_drift_watcher_writes()
    {
        Assert.Equal(AnomalyLog.AnomalyType, AnomalyAlerting.AnomalyType);
        var metric = AnomalyAlerting.Metric(Spec("dev"));
        Assert.Contains($"jsonPayload.{AnomalyLog.AnomalyTypeField}=\"{AnomalyLog.AnomalyType}\"", metric["filter"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal($"EXTRACT(jsonPayload.{AnomalyLog.AlertKindField})", metric["labelExtractors"]!["alert_kind"]!.GetValue<string>());
        Assert.Equal($"EXTRACT(jsonPayload.{AnomalyLog.ModelField})", metric["labelExtractors"]!["model"]!.GetValue<string>());
    }

    [Fact]
    public void Prediction_entries_also_go_to_a_bigquery_dataset_and_to_the_artifact_bucket_as_an_archive()
    {
        var steps = Steps("staging");
        const string p = "--project=acme-mlops-staging";

        var dataset = Assert.Single(steps, s => s.Command.StartsWith("bq --project_id=acme-mlops-staging mk --dataset --location=europe-west1 ", StringComparison.Ordinal));
        Assert.EndsWith(" acme-mlops-staging:mlops_predictions", dataset.Command, StringComparison.Ordinal);
        Assert.Equal("bq --project_id=acme-mlops-staging show --dataset acme-mlops-staging:mlops_predictions", dataset.Guard);
        var bigQuery = Assert.Single(steps, s => s.Command.StartsWith("gcloud logging sinks create mlops-prediction-logs-bigquery bigquery.googleapis.com/projects/acme-mlops-staging/datasets/mlops_predictions ", StringComparison.Ordinal));
        Assert.Contains("--use-partitioned-tables", bigQuery.Command, StringComparison.Ordinal);
        Assert.Single(steps, s => s.Command.StartsWith("bq --project_id=acme-mlops-staging add-iam-policy-binding --member=\"$(gcloud logging sinks describe mlops-prediction-logs-bigquery ", StringComparison.Ordinal)
            && s.Command.EndsWith("--role=roles/bigquery.dataEditor acme-mlops-staging:mlops_predictions", StringComparison.Ordinal));

        var archive = Assert.Single(steps, s => s.Command.StartsWith("gcloud logging sinks create mlops-prediction-logs-archive storage.googleapis.com/acme-mlops-staging-artifacts ", StringComparison.Ordinal));
        Assert.Equal($"gcloud logging sinks describe mlops-prediction-logs-archive {p}", archive.Guard);
        Assert.Single(steps, s => s.Command.StartsWith("gcloud storage buckets add-iam-policy-binding gs://acme-mlops-staging-artifacts --member=\"$(gcloud logging sinks describe mlops-prediction-logs-archive ", StringComparison.Ordinal)
            && s.Command.EndsWith("--role=roles/storage.objectCreator", StringComparison.Ordinal));

        // All three sinks route exactly the prediction entries.
        var filter = Shell(PredictionLogFilter.For("acme-mlops-staging"));
        Assert.All(steps.Where(s => s.Command.StartsWith("gcloud logging sinks create ", StringComparison.Ordinal)), s => Assert.Contains($"--log-filter={filter}", s.Command, StringComparison.Ordinal));
        Assert.Equal(3, steps.Count(s => s.Command.StartsWith("gcloud logging sinks create ", StringComparison.Ordinal)));
    }

    [Fact]
    public void An_environment_without_sinks_or_emails_gets_neither_and_bad_names_are_refused()
    {
        using var environments = new TempEnvironments();
        environments.Set("dev", "logSink/bigQueryDataset", "~").Set("dev", "logSink/archive", "false").Set("dev", "alerting/emails", "[]");
        var steps = BootstrapPlanner.Plan(EnvironmentLoader.LoadValid(environments.Folder, "dev")).Steps;
        Assert.DoesNotContain(steps, s => s.Command.StartsWith("bq ", StringComparison.Ordinal) || s.Command.Contains("-archive ", StringComparison.Ordinal));
        Assert.DoesNotContain(steps, s => s.Command.StartsWith("gcloud beta monitoring channels create", StringComparison.Ordinal));
        Assert.Single(steps, s => s.Command.StartsWith("gcloud alpha monitoring policies create", StringComparison.Ordinal));

        environments.Set("dev", "logSink/bigQueryDataset", "mlops-predictions").Set("dev", "alerting/emails", "[not-an-address, a@b.example, A@b.example]");
        var problems = EnvironmentLoader.Check(environments.Folder, "dev").Problems.Select(p => p.ToString()).ToList();
        Assert.Contains(problems, p => p.Contains("logSink.bigQueryDataset: 'mlops-predictions' is not a BigQuery dataset id", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("alerting.emails: 'not-an-address' is not an email address", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("alerting.emails: 'a@b.example' is listed more than once", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("staging")]
    [InlineData("prod")]
    public void Every_sink_and_scheduler_job_is_the_message_googles_api_takes_and_its_step_creates_exactly_that(string environment)
    {
        var spec = Spec(environment);
        var script = BootstrapPlanner.Plan(spec).ToScript();

        foreach (var sink in BootstrapPlanner.LogSinks(spec))
        {
            Assert.Empty(ProtoDocuments.Check("google.logging.v2.LogSink", sink));
            Assert.Contains($"gcloud logging sinks create {sink["name"]} {sink["destination"]} --project={spec.Project} --log-filter={Shell((string)sink["filter"]!)}", script, StringComparison.Ordinal);
        }

        foreach (var schedule in ScheduleBootstrap.Schedules(spec))
        {
            var job = ScheduleBootstrap.Job(spec, schedule);
            Assert.Empty(ProtoDocuments.Check("google.cloud.scheduler.v1.Job", job));
            var body = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String((string)job["pubsubTarget"]!["data"]!));
            Assert.Equal($"{{\"schedule\":\"{schedule.Name}\"}}", body);
            Assert.Contains($"--schedule={Shell(schedule.Cron)} --time-zone=Etc/UTC --topic=schedules --message-body={Shell(body)}", script, StringComparison.Ordinal);
        }

        Assert.Equal(environment == "dev", ScheduleBootstrap.Schedules(spec).Count > 0);
    }

    [Fact]
    public void A_scheduler_job_without_its_topic_or_with_a_target_field_google_does_not_know_is_refused()
    {
        var job = ScheduleBootstrap.Job(Spec("dev"), ScheduleBootstrap.Schedules(Spec("dev"))[0]);
        job["pubsubTarget"]!.AsObject().Remove("topicName");
        job["pubsubTarget"]!["topic"] = "schedules";

        var problems = ProtoDocuments.Check("google.cloud.scheduler.v1.Job", job);

        Assert.Contains(problems, p => p.StartsWith("pubsubTarget.topic:", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("pubsubTarget.topicName:", StringComparison.Ordinal));
    }

    [Fact]
    public void The_deploy_build_uses_every_pin_substitution_a_gitops_deployer_passes()
    {
        var planned = PlannedTrigger.Find("prod", "mlops-deploy-prod");

        Assert.Empty(CloudBuildFile.Load(planned.BuildConfig).MustMatchProblems([.. planned.Substitutions, .. DeployBuildSubstitutions.All]));
    }

    [Fact]
    public void Pins_round_trip_one_entry_per_model_and_a_new_pin_replaces_the_models_old_one()
    {
        var pins = PinsFile.With([new ModelPin("taxi-tips", 2, "packages/taxi-tips/v2", "d-2"), new ModelPin("churn", 1, "packages/churn/v1", null)],
            new ModelPin("taxi-tips", 3, "packages/taxi-tips/v3", "d-3"));

        var text = PinsFile.Write(pins);
        var read = PinsFile.Parse(text, "pins.yaml");

        Assert.Equal([new ModelPin("churn", 1, "packages/churn/v1", null), new ModelPin("taxi-tips", 3, "packages/taxi-tips/v3", "d-3")], read);
    }

    [Fact]
    public void A_pins_file_with_bad_entries_names_every_one()
    {
        var problem = Assert.Throws<EnvironmentException>(() => PinsFile.Parse("""
            models:
              Taxi_Tips:
                version: 2
                package: packages/x
              churn:
                version: zero
                package: packages/y
              fraud:
                version: 1
            extra: 1
            """, "environments/prod/pins.yaml"));

        var messages = problem.Problems.Select(p => p.ToString()).ToList();
        Assert.Contains(messages, m => m.Contains("models.Taxi_Tips: 'Taxi_Tips' is not a model name", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("models.churn.version: must be a version number of 1 or more, got 'zero'", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("models.fraud.package: the package the version was registered with is missing", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("extra: unknown key", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Env_pin_records_the_version_in_the_environments_pins_file_and_validate_checks_it()
    {
        using var environments = new TempEnvironments();

        var first = await Run("env", "pin", "prod", "taxi-tips", "2", "--package", "packages/taxi-tips/run2", "--deployment", "d2", "--environments", environments.Directory);
        var second = await Run("env", "pin", "prod", "taxi-tips", "3", "--package", "packages/taxi-tips/run3", "--environments", environments.Directory);
        var outside = await Run("env", "pin", "prod", "taxi-tips", "4", "--package", "../../elsewhere/run4", "--environments", environments.Directory);
        var absolute = await Run("env", "pin", "prod", "taxi-tips", "4", "--package", "/etc/run4", "--environments", environments.Directory);

        Assert.Equal(0, first.Code);
        Assert.Equal(0, second.Code);
        var path = Path.Combine(environments.Directory, "prod", PinsFile.FileName);
        Assert.Equal([new ModelPin("taxi-tips", 3, "packages/taxi-tips/run3", null)], PinsFile.Parse(File.ReadAllText(path), path));
        Assert.NotEqual(0, outside.Code);
        Assert.Contains("pins.yaml: models.taxi-tips.package: must be the package's path in the environment's artifact bucket, like packages/<model>/<run>, got '../../elsewhere/run4'", outside.Err, StringComparison.Ordinal);
        Assert.NotEqual(0, absolute.Code);
        Assert.True(EnvironmentLoader.Check(environments.Folder, "prod").IsValid);

        File.WriteAllText(path, "models:\n  taxi-tips:\n    version: 3\n    package: gs://someone-elses/v3\n");
        var check = EnvironmentLoader.Check(environments.Folder, "prod");
        Assert.Contains(check.Problems, p => p.ToString().StartsWith("environments/prod/pins.yaml:4: models.taxi-tips.package: must be the package's path", StringComparison.Ordinal));
    }

    private static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CliApp.RunAsync(args, CliConsole.Capture(output, error));
        return (code, output.ToString(), error.ToString());
    }

    // The JSON document a step hands gcloud through <(printf '%s' '...').
    private static string Document(string command)
    {
        const string start = "<(printf '%s' '";
        var from = command.IndexOf(start, StringComparison.Ordinal) + start.Length;
        return command[from..command.IndexOf("')", from, StringComparison.Ordinal)];
    }

    private static string Shell(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
