using System.Text.Json.Nodes;
using MlOps.GitOps.Model;
using MlOps.GitOps.Rendering;
using MlOps.GitOps.Validation;
using static MlOps.GitOps.Bootstrap.Shell;

namespace MlOps.GitOps.Bootstrap;

/// <summary>
/// Plans what an environment needs before its first deploy: APIs, bucket, service accounts and roles, what IAP in front of
/// the console and the load balancer people reach it through need, what the Vertex AI features it turns on need, secrets,
/// Pub/Sub topics and subscriptions, the prediction log sink, the image repository and the Cloud Build triggers. Bindings
/// on a Cloud Run service need the service, so the deploy build sets those (who may invoke whom, who may pass IAP) after
/// each deploy.
/// </summary>
public static class BootstrapPlanner
{
    public const string ImageRepository = "mlops";
    public const string GitHubTokenSecret = "github-token";
    public const string DeployBuildConfig = "cloudbuild-deploy.yaml";
    public const string CiBuildConfig = "cloudbuild.yaml";

    private static readonly string[] Apis =
    [
        "run.googleapis.com", "pubsub.googleapis.com", "logging.googleapis.com", "storage.googleapis.com", "iam.googleapis.com",
        "secretmanager.googleapis.com", "cloudbuild.googleapis.com", "artifactregistry.googleapis.com", "sqladmin.googleapis.com",
    ];

    public static BootstrapPlan Plan(EnvironmentSpec spec)
    {
        var p = $"--project={Quote(spec.Project)}";
        var vertex = VertexFeatures.Of(spec);
        var steps = new PlanBuilder();
        steps.Apis.AddRange(Apis.Concat(VertexBootstrap.Apis(vertex)).Concat(MoreApis(spec)).Distinct());
        steps.Add(new("enable the APIs the environment uses (enabling an enabled API changes nothing)", $"gcloud services enable {string.Join(' ', steps.Apis)} {p}"));

        var bucket = $"gs://{spec.Artifacts.Bucket}";
        steps.Add(new($"artifact bucket {bucket}, mounted at {spec.Artifacts.MountPath} in every service",
            $"gcloud storage buckets create {Quote(bucket)} {p} --location={Quote(spec.Region)} --uniform-bucket-level-access",
            $"gcloud storage buckets describe {Quote(bucket)} {p}"));

        ServiceAccounts(spec, steps, p, bucket);
        IapBootstrap.Plan(spec, steps, p);
        LoadBalancerBootstrap.Plan(spec, steps, p);
        VertexBootstrap.Plan(spec, vertex, steps, p, bucket);
        GitOpsBootstrap.Plan(spec, steps, p);
        Secrets(spec, steps, p);
        PubSub(spec, steps, p);
        LogSink(spec, steps, p);
        AlertingBootstrap.Plan(spec, steps, p);
        ScheduleBootstrap.Plan(spec, steps, p);
        RetrainBootstrap.Plan(spec, steps, p);
        Images(spec, steps, p);
        Triggers(spec, steps, p);
        return new BootstrapPlan(spec.Name, spec.Project, steps.Apis, steps.Grants, steps.Steps);
    }

    // Alerting always uses Cloud Monitoring; schedules need Cloud Scheduler, a BigQuery sink its dataset, the console IAP
    // and, behind a load balancer, Compute Engine (where load balancers live).
    private static IEnumerable<string> MoreApis(EnvironmentSpec spec)
    {
        yield return AlertingBootstrap.MonitoringApi;
        if (IapBootstrap.On(spec))
        {
            yield return IapBootstrap.IapApi;
        }

        if (LoadBalancerBootstrap.On(spec))
        {
            yield return LoadBalancerBootstrap.ComputeApi;
        }

        if (ScheduleBootstrap.Schedules(spec).Count > 0)
        {
            yield return ScheduleBootstrap.SchedulerApi;
        }

        if (spec.LogSink.BigQueryDataset is not null)
        {
            yield return "bigquery.googleapis.com";
        }
    }

    private static void ServiceAccounts(EnvironmentSpec spec, PlanBuilder steps, string p, string bucket)
    {
        var accounts = spec.Services.Select(s => (id: s.ServiceAccount, what: s.Name, roles: s.Roles))
            .Append((id: spec.Build.ServiceAccount, what: "Cloud Build deploys", roles: spec.Build.Roles));
        foreach (var (id, what, roles) in accounts)
        {
            var email = Email(spec, id);
            steps.Add(new($"service account for {what}",
                $"gcloud iam service-accounts create {Quote(id)} {p} --display-name={Quote($"MlOps {what} ({spec.Name})")}",
                $"gcloud iam service-accounts describe {Quote(email)} {p}"));
            foreach (var role in roles)
            {
                steps.Grant(new(email, role, $"project {spec.Project}"), new($"{what}: {role} (adding an existing binding changes nothing)",
                    $"gcloud projects add-iam-policy-binding {Quote(spec.Project)} --member={Quote("serviceAccount:" + email)} --role={Quote(role)} --condition=None"));
            }
        }

        foreach (var service in spec.Services)
        {
            var email = Email(spec, service.ServiceAccount);
            // The loop's services mount the bucket; the console reads what they serve and touches no artifact itself.
            if (ServiceNames.Loop.Contains(service.Name))
            {
                steps.Grant(new(email, "roles/storage.objectUser", $"bucket {bucket}"), new($"{service.Name}: read and write the artifact bucket",
                    $"gcloud storage buckets add-iam-policy-binding {Quote(bucket)} --member={Quote("serviceAccount:" + email)} --role=roles/storage.objectUser"));
            }

            foreach (var target in service.ActAs)
            {
                steps.Grant(ActAs(spec, service, spec.Service(target), p, "to roll out its revisions"));
            }
        }
    }

    /// <summary>The binding that lets <paramref name="service"/> hand <paramref name="target"/>'s identity to what it starts.</summary>
    internal static (AccessGrant, BootstrapStep) ActAs(EnvironmentSpec spec, ServiceSpec service, ServiceSpec target, string p, string why)
    {
        var email = Email(spec, service.ServiceAccount);
        var targetEmail = Email(spec, target.ServiceAccount);
        return (new(email, "roles/iam.serviceAccountUser", $"service account {targetEmail}"), new($"{service.Name}: act as {target.Name} {why}",
            $"gcloud iam service-accounts add-iam-policy-binding {Quote(targetEmail)} {p} --member={Quote("serviceAccount:" + email)} --role=roles/iam.serviceAccountUser"));
    }

    private static void Secrets(EnvironmentSpec spec, PlanBuilder steps, string p)
    {
        var users = spec.Services
            .SelectMany(s => s.Settings.Select(x => x.Value).OfType<SecretValue>().Select(v => (secret: v.Secret, account: s.ServiceAccount)))
            .ToList();
        if (GitOpsBootstrap.BuildPushes(spec))
        {
            users.Add((GitHubTokenSecret, spec.Build.ServiceAccount));
        }

        foreach (var secret in users.Select(u => u.secret).Distinct())
        {
            steps.Add(new($"secret {secret} (its value is added by hand: gcloud secrets versions add {secret} --data-file=-)",
                $"gcloud secrets create {Quote(secret)} {p} --replication-policy=automatic",
                $"gcloud secrets describe {Quote(secret)} {p}"));
        }

        // Every service runs the collector sidecar, which reads its configuration from this secret; a new version only when the file changed.
        var collector = Rendering.KnativeManifest.CollectorConfigSecret;
        steps.Add(new($"secret {collector}: the OpenTelemetry collector's configuration", $"gcloud secrets create {Quote(collector)} {p} --replication-policy=automatic", $"gcloud secrets describe {Quote(collector)} {p}"));
        steps.Add(new($"secret {collector}: a new version when {CollectorConfigPath} changed",
            $"gcloud secrets versions add {Quote(collector)} {p} --data-file={CollectorConfigPath}",
            $"gcloud secrets versions access latest --secret={Quote(collector)} {p} | cmp -s - {CollectorConfigPath}"));
        users.AddRange(spec.Services.Select(s => (collector, s.ServiceAccount)));

        foreach (var (secret, account) in users.Distinct())
        {
            steps.Grant(new(Email(spec, account), "roles/secretmanager.secretAccessor", $"secret {secret}"), new($"{account}: read secret {secret}",
                $"gcloud secrets add-iam-policy-binding {Quote(secret)} {p} --member={Quote("serviceAccount:" + Email(spec, account))} --role=roles/secretmanager.secretAccessor"));
        }
    }

    /// <summary>The collector configuration every environment's sidecars read, from the repository root.</summary>
    public const string CollectorConfigPath = "environments/base/otel-collector.yaml";

    private static void PubSub(EnvironmentSpec spec, PlanBuilder steps, string p)
    {
        foreach (var topic in spec.PubSub.Topics)
        {
            steps.Add(new($"topic {topic}", $"gcloud pubsub topics create {Quote(topic)} {p}", $"gcloud pubsub topics describe {Quote(topic)} {p}"));
        }

        foreach (var subscription in spec.PubSub.Subscriptions)
        {
            steps.Add(new($"subscription {subscription.Name} on topic {subscription.Topic}",
                $"gcloud pubsub subscriptions create {Quote(subscription.Name)} {p} --topic={Quote(subscription.Topic)} --ack-deadline=30",
                $"gcloud pubsub subscriptions describe {Quote(subscription.Name)} {p}"));
        }
    }

    private static void LogSink(EnvironmentSpec spec, PlanBuilder steps, string p)
    {
        var sink = spec.LogSink;
        var sinks = LogSinks(spec);
        steps.Add(SinkStep(sinks[0], p, $"log sink {sink.Name}: the Predictor's prediction log entries to topic {sink.Topic}"));
        steps.Grant(new($"the writer identity of log sink {sink.Name}", "roles/pubsub.publisher", $"topic {sink.Topic}"), new($"let the sink's writer identity publish to {sink.Topic}",
            $"gcloud pubsub topics add-iam-policy-binding {Quote(sink.Topic)} {p} --member={WriterIdentity(sink.Name, p)} --role=roles/pubsub.publisher"));

        if (sink.BigQueryDataset is { } dataset)
        {
            var table = $"{spec.Project}:{dataset}";
            var name = BigQuerySink(spec);
            steps.Add(new($"BigQuery dataset {dataset}: the prediction requests and responses, one partitioned table per log",
                $"bq --project_id={Quote(spec.Project)} mk --dataset --location={Quote(spec.Region)} --description={Quote($"MlOps {spec.Name}: prediction log entries routed by sink {name}")} {Quote(table)}",
                $"bq --project_id={Quote(spec.Project)} show --dataset {Quote(table)}"));
            steps.Add(SinkStep(sinks.Single(s => (string)s["name"]! == name), p, $"log sink {name}: the same entries to BigQuery dataset {dataset} (partitioned tables)"));
            steps.Grant(new($"the writer identity of log sink {name}", "roles/bigquery.dataEditor", $"dataset {dataset}"), new($"let the sink's writer identity write to dataset {dataset}",
                $"bq --project_id={Quote(spec.Project)} add-iam-policy-binding --member={WriterIdentity(name, p)} --role=roles/bigquery.dataEditor {Quote(table)}"));
        }

        if (sink.Archive)
        {
            var name = ArchiveSink(spec);
            var bucket = spec.Artifacts.Bucket;
            steps.Add(SinkStep(sinks.Single(s => (string)s["name"]! == name), p, $"log sink {name}: the same entries to the artifact bucket, hourly files under {string.Join(" and ", LogSinkSpec.ArchiveFolders)} (what mlops drift --archive replays)"));
            steps.Grant(new($"the writer identity of log sink {name}", "roles/storage.objectCreator", $"bucket gs://{bucket}"), new($"let the sink's writer identity write the archive into gs://{bucket}",
                $"gcloud storage buckets add-iam-policy-binding {Quote($"gs://{bucket}")} --member={WriterIdentity(name, p)} --role=roles/storage.objectCreator"));
        }
    }

    /// <summary>
    /// The environment's log sinks as Cloud Logging's API takes them (google.logging.v2.LogSink): to the topic the
    /// DriftWatcher reads, and, when the environment asks, to its BigQuery dataset and to its artifact bucket; all with
    /// the same filter. The steps' gcloud flags say the same.
    /// </summary>
    public static IReadOnlyList<JsonObject> LogSinks(EnvironmentSpec spec)
    {
        var sink = spec.LogSink;
        var filter = PredictionLogFilter.For(spec.Project);
        var sinks = new List<JsonObject>
        {
            new() { ["name"] = sink.Name, ["destination"] = $"pubsub.googleapis.com/projects/{spec.Project}/topics/{sink.Topic}", ["filter"] = filter },
        };
        if (sink.BigQueryDataset is { } dataset)
        {
            sinks.Add(new()
            {
                ["name"] = BigQuerySink(spec),
                ["destination"] = $"bigquery.googleapis.com/projects/{spec.Project}/datasets/{dataset}",
                ["filter"] = filter,
                ["bigqueryOptions"] = new JsonObject { ["usePartitionedTables"] = true },
            });
        }

        if (sink.Archive)
        {
            sinks.Add(new() { ["name"] = ArchiveSink(spec), ["destination"] = $"storage.googleapis.com/{spec.Artifacts.Bucket}", ["filter"] = filter });
        }

        return sinks;
    }

    private static BootstrapStep SinkStep(JsonObject sink, string p, string description)
    {
        var name = (string)sink["name"]!;
        var partitioned = sink["bigqueryOptions"]?["usePartitionedTables"]?.GetValue<bool>() == true ? " --use-partitioned-tables" : "";
        return new(description,
            $"gcloud logging sinks create {Quote(name)} {Quote((string)sink["destination"]!)} {p} --log-filter={Quote((string)sink["filter"]!)}{partitioned}",
            $"gcloud logging sinks describe {Quote(name)} {p}");
    }

    public static string BigQuerySink(EnvironmentSpec spec) => $"{spec.LogSink.Name}-bigquery";

    public static string ArchiveSink(EnvironmentSpec spec) => $"{spec.LogSink.Name}-archive";

    private static string WriterIdentity(string sink, string p) =>
        $"\"$(gcloud logging sinks describe {Quote(sink)} {p} --format='value(writerIdentity)')\"";

    private static void Images(EnvironmentSpec spec, PlanBuilder steps, string p)
    {
        if (spec.Build.Ci)
        {
            steps.Add(new($"image repository {ImageRepository} for the CI builds",
                $"gcloud artifacts repositories create {ImageRepository} {p} --location={Quote(spec.Region)} --repository-format=docker",
                $"gcloud artifacts repositories describe {ImageRepository} {p} --location={Quote(spec.Region)}"));
        }

        foreach (var repository in spec.Services.Select(s => ForeignRepository(spec, s.Image)).OfType<ArtifactRepository>().Distinct())
        {
            steps.Grant(PullFrom(spec, repository, ServiceAgent.CloudRun, $"let Cloud Run in {spec.Project}"));
        }
    }

    /// <summary>The binding that lets a Google service agent of the environment's project pull images from another project's repository.</summary>
    internal static (AccessGrant, BootstrapStep) PullFrom(EnvironmentSpec spec, ArtifactRepository repository, ServiceAgent agent, string who) => (
        new(agent.Display, "roles/artifactregistry.reader", $"repository {repository}"),
        new($"{who} pull images from {repository}",
            $"gcloud artifacts repositories add-iam-policy-binding {Quote(repository.Name)} --project={Quote(repository.Project)} --location={Quote(repository.Location)} --member=\"{agent.Member(spec)}\" --role=roles/artifactregistry.reader"));

    private static void Triggers(EnvironmentSpec spec, PlanBuilder steps, string p)
    {
        var common = $"{p} --region={Quote(spec.Region)} --repo-owner={Quote(spec.Build.GitHubOwner)} --repo-name={Quote(spec.Build.GitHubRepo)} "
            + $"--service-account={Quote($"projects/{spec.Project}/serviceAccounts/{Email(spec, spec.Build.ServiceAccount)}")}";
        // A trigger passes only what its build file uses: the deploy build reads the region from the rendered
        // environment.env, CI needs the region for the registry host and the repository for the pull-request diff.
        var ci = $" --substitutions={Quote($"_REGION={spec.Region},_GITHUB_REPO={spec.Build.GitHubOwner}/{spec.Build.GitHubRepo}")}";
        var triggers = new List<(string name, string what, string filter, string config, string substitutions)>
        {
            (GitOpsRollouts.Trigger(spec), $"deploy {spec.Name} on every push to {GitOpsRollouts.Branch(spec)}{(GitOpsRollouts.On(spec) ? ", and run by the deployer to pin each promoted version (gitops)" : "")}", $"--branch-pattern={Quote($"^{GitOpsRollouts.Branch(spec)}$")}", DeployBuildConfig, ""),
        };
        if (spec.Build.Ci)
        {
            triggers.Add(("mlops-ci", "test and publish images on every push to main", $"--branch-pattern={Quote("^main$")}", CiBuildConfig, ci));
            triggers.Add(("mlops-ci-pr", "test pull requests into main and the environment branches, and print the environment diff",
                $"--pull-request-pattern={Quote("^(main|env/.+)$")} --comment-control=COMMENTS_ENABLED_FOR_EXTERNAL_CONTRIBUTORS_ONLY", CiBuildConfig, ci));
        }

        foreach (var (name, what, filter, config, substitutions) in triggers)
        {
            steps.Add(new($"Cloud Build trigger {name}: {what}",
                $"gcloud builds triggers create github --name={Quote(name)} {common} {filter} --build-config={config}{substitutions}",
                $"gcloud builds triggers describe {Quote(name)} {p} --region={Quote(spec.Region)}"));
        }
    }

    /// <summary>The Artifact Registry repository in another project that <paramref name="image"/> comes from; null for one in the environment's own project.</summary>
    internal static ArtifactRepository? ForeignRepository(EnvironmentSpec spec, string image) =>
        ImageReference.Parse(image)?.Repository.Split('/') is { Length: >= 3 } parts && parts[0].EndsWith("-docker.pkg.dev", StringComparison.Ordinal) && parts[1] != spec.Project
            ? new ArtifactRepository(parts[1], parts[0][..^"-docker.pkg.dev".Length], parts[2])
            : null;

    internal static string Email(EnvironmentSpec spec, string accountId) => ServiceRenderer.ServiceAccountEmail(spec, accountId);
}
