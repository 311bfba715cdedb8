using MlOps.GitOps.Loading;

namespace MlOps.GitOps.Tests;

/// <summary>One broken key per rule: the problem names the file the key is written in, the key, and the reason.</summary>
public sealed class ValidationRuleTests
{
    private const string Remove = BrokenKey.Remove;

    [Theory]
    // keys: unknown, missing, mistyped
    [InlineData("staging", "services/trainer/minInstance", "1", "staging", "services.trainer.minInstance", "unknown key; did you mean 'minInstances'?")]
    [InlineData("base", "servces", "{}", "base", "servces", "unknown key; did you mean 'services'?")]
    [InlineData("prod", "services/predicter/minInstances", "1", "prod", "services.predicter", "unknown key; did you mean 'predictor'?")]
    [InlineData("staging", "project", Remove, "staging", "project", "missing: set it in this file or in environments/base/environment.yaml")]
    [InlineData("base", "services/registry/serviceAccount", Remove, "dev", "services.registry.serviceAccount", "missing")]
    [InlineData("dev", "services/trainer/minInstances", "many", "dev", "services.trainer.minInstances", "expected a whole number, got 'many'")]
    [InlineData("dev", "build/ci", "maybe", "dev", "build.ci", "expected true or false")]
    // settings: documented keys only, read by the service they are under, not derived
    [InlineData("dev", "services/trainer/settings/Trainer:Algoritm", "FastTree", "dev", "services.trainer.settings.Trainer:Algoritm", "not a configuration key in docs/configuration.md; did you mean 'Trainer:Algorithm'?")]
    [InlineData("dev", "services/trainer/settings/Registry:Gate:MinimumAuc", "0.8", "dev", "services.trainer.settings.Registry:Gate:MinimumAuc", "trainer does not read it; it belongs under services.registry.settings")]
    [InlineData("dev", "services/trainer/settings/MlOps:Transport", "InMemory", "dev", "services.trainer.settings.MlOps:Transport", "do not set it here")]
    [InlineData("dev", "services/predictor/settings/PORT", "9090", "dev", "services.predictor.settings.PORT", "Cloud Run sets it")]
    [InlineData("dev", "services/trainer/settings/MlOps:PubSub:EmulatorHost", "localhost:8085", "dev", "services.trainer.settings.MlOps:PubSub:EmulatorHost", "an emulator is for local runs")]
    [InlineData("dev", "services/deployer/settings/Deployer:Strategy", "blue-green", "dev", "services.deployer.settings.Deployer:Strategy", "'blue-green' is not one of immediate, canary")]
    [InlineData("dev", "services/predictor/settings/Predictor:LogToStdout", "yes", "dev", "services.predictor.settings.Predictor:LogToStdout", "not true or false")]
    // secrets never inline
    [InlineData("prod", "services/registry/settings/ConnectionStrings:Registry", "'Host=/cloudsql/x;Username=mlops;Password=hunter2'", "prod", "services.registry.settings.ConnectionStrings:Registry", "holds a credential written inline (Password=…)")]
    [InlineData("dev", "services/trainer/settings/OTEL_EXPORTER_OTLP_ENDPOINT", "https://otel:s3cret@collector:4317", "dev", "services.trainer.settings.OTEL_EXPORTER_OTLP_ENDPOINT", "holds a credential written inline (a password in the URL)")]
    [InlineData("staging", "services/registry/settings/ConnectionStrings:Registry", "{ secret: registry-db-connection, version: latest }", "staging", "services.registry.settings.ConnectionStrings:Registry.version", "pin a version number outside dev")]
    [InlineData("staging", "services/registry/settings/ConnectionStrings:Registry", "{ secret: 'registry db', version: '1' }", "staging", "services.registry.settings.ConnectionStrings:Registry.secret", "not a Secret Manager secret id")]
    [InlineData("staging", "services/registry/settings/ConnectionStrings:Registry", "Host=/cloudsql/acme-mlops-staging:europe-west1:mlops-registry", "staging", "services.registry.settings.ConnectionStrings:Registry", "with PostgreSQL the connection string must be a Secret Manager reference")]
    [InlineData("dev", "services/registry/settings/ConnectionStrings:Registry", "Data Source=/tmp/registry.db", "dev", "services.registry.settings.ConnectionStrings:Registry", "a SQLite file outside /mnt/artifacts is lost when the instance stops")]
    [InlineData("dev", "services/predictor/settings/Predictor:AdminToken", "hunter2", "dev", "services.predictor.settings.Predictor:AdminToken", "is a credential: write it as a Secret Manager reference")]
    [InlineData("dev", "services/drift-watcher/settings/DriftWatcher:Alerts:Webhooks:ops:Secret", "hunter2hunter2hunter2", "dev", "services.drift-watcher.settings.DriftWatcher:Alerts:Webhooks:ops:Secret", "is a credential: write it as a Secret Manager reference")]
    [InlineData("dev", "services/drift-watcher/settings/DriftWatcher:Alerts:Webhooks:ops:Url", "ftp://hooks.example.com/alerts", "dev", "services.drift-watcher.settings.DriftWatcher:Alerts:Webhooks:ops:Url", "is not an http(s) URL")]
    [InlineData("base", "services/predictor/settings/Predictor:AdminToken", Remove, "dev", "services.predictor.settings.Predictor:AdminToken", "missing: the Predictor is public, so its admin API needs a token")]
    [InlineData("prod", "services/predictor/settings/services:deployer:http:0", Remove, "prod", "services.predictor.settings.services:deployer:http:0", "missing: replicas learn what to serve from the Deployer")]
    [InlineData("prod", "services/deployer/settings/ConnectionStrings:Deployments", "Host=/cloudsql/acme-mlops-prod:europe-west1:mlops-registry", "prod", "services.deployer.settings.ConnectionStrings:Deployments", "with PostgreSQL the connection string must be a Secret Manager reference")]
    [InlineData("dev", "services/deployer/settings/ConnectionStrings:Deployments", "Data Source=/tmp/deployments.db", "dev", "services.deployer.settings.ConnectionStrings:Deployments", "a SQLite file outside /mnt/artifacts is lost when the instance stops")]
    [InlineData("dev", "services/drift-watcher/settings/DriftWatcher:Thresholds:DriftFactor", "0.5", "dev", "services.drift-watcher.settings.DriftWatcher:Thresholds:DriftFactor", "0.5 is out of range: must be at least 1 and at most 10")]
    // images
    [InlineData("staging", "services/trainer/image", "europe-west1-docker.pkg.dev/acme-mlops-dev/mlops/trainer:main", "staging", "services.trainer.image", "is a mutable tag; outside dev pin the image by digest")]
    [InlineData("prod", "services/predictor/image", "europe-west1-docker.pkg.dev/acme-mlops-dev/mlops/predictor:latest", "prod", "services.predictor.image", "is a mutable tag")]
    [InlineData("dev", "services/trainer/image", "europe-west1-docker.pkg.dev/acme-mlops-dev/mlops/trainer", "dev", "services.trainer.image", "has neither tag nor digest")]
    [InlineData("dev", "services/trainer/image", "'Trainer Image'", "dev", "services.trainer.image", "is not an image reference")]
    [InlineData("prod", "services/deployer/maxInstances", "3", "prod", "services.deployer.maxInstances", "3 must be 1: the Deployer is the single writer of the desired state")]
    // exposure
    [InlineData("prod", "services/registry/ingress", "all", "prod", "services.registry.ingress", "all opens registry to the internet, but only a public service (public: true, the predictor) may be; use internal")]
    [InlineData("dev", "services/registry/public", "true", "dev", "services.registry.public", "only the predictor may be public")]
    [InlineData("staging", "services/predictor/ingress", "internal", "staging", "services.predictor.ingress", "internal keeps a public service off the internet")]
    [InlineData("base", "services/predictor/public", Remove, "base", "services.predictor.ingress", "all opens predictor to the internet")]
    [InlineData("dev", "services/predictor/public", "maybe", "dev", "services.predictor.public", "expected true or false")]
    [InlineData("dev", "services/predictor/ingress", "public", "dev", "services.predictor.ingress", "'public' is not an ingress setting")]
    // ranges
    [InlineData("prod", "services/drift-watcher/settings/DriftWatcher:Thresholds:Numeric", "1.5", "prod", "services.drift-watcher.settings.DriftWatcher:Thresholds:Numeric", "1.5 is out of range: must be above 0 and at most 1")]
    [InlineData("prod", "services/drift-watcher/settings/DriftWatcher:Thresholds:Features:trip_distance", "0", "prod", "services.drift-watcher.settings.DriftWatcher:Thresholds:Features:trip_distance", "0 is out of range")]
    [InlineData("prod", "services/drift-watcher/settings/DriftWatcher:Thresholds:Features:trip distance", "0.2", "prod", "services.drift-watcher.settings.DriftWatcher:Thresholds:Features:trip distance", "not a feature name")]
    [InlineData("staging", "services/registry/settings/Registry:Gate:MinimumAuc", "0.3", "staging", "services.registry.settings.Registry:Gate:MinimumAuc", "0.3 is out of range: must be at least 0.5 and at most 1")]
    [InlineData("staging", "services/deployer/settings/Deployer:Canary:TrafficPercent", "100", "staging", "services.deployer.settings.Deployer:Canary:TrafficPercent", "100 is out of range: must be at least 1 and at most 99")]
    [InlineData("staging", "services/deployer/settings/Deployer:Canary:MaxErrorRate", "five", "staging", "services.deployer.settings.Deployer:Canary:MaxErrorRate", "'five' is not a number")]
    [InlineData("prod", "services/drift-watcher/settings/DriftWatcher:MinimumSamples", "5000", "prod", "services.drift-watcher.settings.DriftWatcher:MinimumSamples", "no window would ever reach a verdict")]
    // scaling and resources
    [InlineData("prod", "services/predictor/minInstances", "60", "prod", "services.predictor.minInstances", "60 is more than maxInstances (20)")]
    [InlineData("dev", "services/predictor/maxInstances", "0", "dev", "services.predictor.maxInstances", "must be at least 1")]
    [InlineData("dev", "services/registry/minInstances", "0", "dev", "services.registry.minInstances", "a pull consumer needs at least 1 instance")]
    [InlineData("dev", "services/trainer/cpu", "3", "dev", "services.trainer.cpu", "'3' is not a CPU limit")]
    [InlineData("dev", "services/trainer/memory", "4GB", "dev", "services.trainer.memory", "is not a memory limit")]
    [InlineData("prod", "services/trainer/memory", "256Mi", "prod", "services.trainer.memory", "outside 512Mi to 32Gi")]
    [InlineData("prod", "services/trainer/memory", "1Gi", "prod", "services.trainer.memory", "not a combination Cloud Run accepts")]
    [InlineData("dev", "services/trainer/port", "70000", "dev", "services.trainer.port", "not a TCP port")]
    // caller identity: every service verifies ID tokens for its own URL
    [InlineData("dev", "services/trainer/settings/MlOps:Identity:Audience", Remove, "dev", "services.trainer.settings.MlOps:Identity:Audience", "missing: its state-changing APIs accept only ID tokens issued for its own URL")]
    [InlineData("prod", "services/predictor/settings/MlOps:Identity:Audience", "https://trainer-918273645012.europe-west1.run.app", "prod", "services.predictor.settings.MlOps:Identity:Audience", "is the URL of trainer, not predictor")]
    [InlineData("staging", "services/registry/settings/MlOps:Identity:ReadOnly", "Closed", "staging", "services.registry.settings.MlOps:Identity:ReadOnly", "'Closed' is not one of Open, Authenticated")]
    // the log pipeline
    [InlineData("prod", "services/predictor/settings/Predictor:PublishLogs", "true", "prod", "services.predictor.settings.Predictor:PublishLogs", "must be false on Cloud Run")]
    [InlineData("base", "logSink/topic", "model-trained", "base", "logSink.topic", "must be 'prediction-logs'")]
    // Pub/Sub names
    [InlineData("base", "pubsub/topics", "[training-requested, model-trained]", "base", "pubsub.topics", "the message topic 'model-promoted' is missing")]
    [InlineData("base", "pubsub/subscriptions/trainer", "registry", "base", "pubsub.subscriptions.trainer", "must read the topic 'trainer', not 'registry'")]
    [InlineData("base", "pubsub/subscriptions/Audit_Log", "trainer", "base", "pubsub.subscriptions.Audit_Log", "not a subscription name the transport uses")]
    // Vertex AI: endpoints split traffic but cannot mirror it, deploy what the mirror uploaded, scale within bounds; derived and stand-in keys are the renderer's
    [InlineData("staging", "services/deployer/settings/Deployer:Strategy", "shadow", "staging", "services.deployer.settings.Deployer:Target", "VertexEndpoint cannot run Deployer:Strategy shadow: a Vertex AI endpoint splits traffic between its deployed models but cannot mirror it")]
    [InlineData("staging", "services/registry/settings/Registry:Vertex:Mirror", "false", "staging", "services.deployer.settings.Deployer:Target", "set Registry:Vertex:Mirror: true under services.registry.settings")]
    [InlineData("staging", "services/deployer/settings/Deployer:Vertex:MinReplicas", "3", "staging", "services.deployer.settings.Deployer:Vertex:MaxReplicas", "2 is less than Deployer:Vertex:MinReplicas (3)")]
    [InlineData("prod", "services/deployer/settings/Deployer:Vertex:MaxReplicas", "0", "prod", "services.deployer.settings.Deployer:Vertex:MaxReplicas", "0 is out of range: must be at least 1 and at most 1000")]
    [InlineData("dev", "services/deployer/settings/Deployer:Target", "Vertex", "dev", "services.deployer.settings.Deployer:Target", "'Vertex' is not one of Fleet, VertexEndpoint")]
    [InlineData("dev", "services/trainer/settings/Trainer:Backend", "Batch", "dev", "services.trainer.settings.Trainer:Backend", "'Batch' is not one of Local, CustomJob")]
    [InlineData("dev", "services/registry/settings/Registry:Vertex:Mirror", "yes", "dev", "services.registry.settings.Registry:Vertex:Mirror", "not true or false")]
    [InlineData("staging", "services/registry/settings/MlOps:Google:PollMilliseconds", "50", "staging", "services.registry.settings.MlOps:Google:PollMilliseconds", "50 is out of range: must be at least 100 and at most 60000")]
    [InlineData("staging", "services/predictor/settings/MlOps:Google:PollMilliseconds", "500", "staging", "services.predictor.settings.MlOps:Google:PollMilliseconds", "predictor does not read it; it belongs under services.registry.settings or services.deployer.settings or services.trainer.settings")]
    [InlineData("staging", "services/registry/settings/Registry:Vertex:ServingImage", "europe-west1-docker.pkg.dev/acme-mlops-dev/mlops/predictor:main", "staging", "services.registry.settings.Registry:Vertex:ServingImage", "do not set it here: the renderer sets it to the predictor's image")]
    [InlineData("staging", "services/deployer/settings/Deployer:Vertex:ServiceAccount", "mlops-predictor@acme-mlops-staging.iam.gserviceaccount.com", "staging", "services.deployer.settings.Deployer:Vertex:ServiceAccount", "do not set it here: the renderer sets it to the predictor's service account")]
    [InlineData("staging", "services/trainer/settings/Trainer:CustomJob:Image", "europe-west1-docker.pkg.dev/acme-mlops-dev/mlops/trainer:main", "staging", "services.trainer.settings.Trainer:CustomJob:Image", "do not set it here: the renderer sets it to the trainer's own image")]
    [InlineData("staging", "services/trainer/settings/Trainer:CustomJob:ServiceAccount", "mlops-trainer@acme-mlops-staging.iam.gserviceaccount.com", "staging", "services.trainer.settings.Trainer:CustomJob:ServiceAccount", "do not set it here: the renderer sets it to the trainer's service account")]
    [InlineData("staging", "services/registry/settings/MlOps:Google:Project", "acme-mlops-staging", "staging", "services.registry.settings.MlOps:Google:Project", "do not set it here: the renderer sets it from 'project'")]
    [InlineData("staging", "services/deployer/settings/MlOps:Google:Location", "europe-west1", "staging", "services.deployer.settings.MlOps:Google:Location", "do not set it here: the renderer sets it from 'region'")]
    [InlineData("staging", "services/trainer/settings/MlOps:Google:Bucket", "acme-mlops-staging-artifacts", "staging", "services.trainer.settings.MlOps:Google:Bucket", "do not set it here: the renderer sets it from 'artifacts.bucket'")]
    [InlineData("staging", "services/deployer/settings/MlOps:Google:VertexUrl", "https://localhost:8443/", "staging", "services.deployer.settings.MlOps:Google:VertexUrl", "do not set it here: an override for a local stand-in")]
    [InlineData("staging", "services/deployer/settings/MlOps:Google:MonitoringUrl", "https://localhost:8444/", "staging", "services.deployer.settings.MlOps:Google:MonitoringUrl", "do not set it here: an override for a local stand-in")]
    [InlineData("staging", "services/trainer/settings/MlOps:Google:TrustedCertificate", "/tmp/stand-in.pem", "staging", "services.trainer.settings.MlOps:Google:TrustedCertificate", "do not set it here: a local stand-in's certificate")]
    [InlineData("staging", "services/registry/settings/MlOps:Google:TokenUrl", "http://localhost:8080/token", "staging", "services.registry.settings.MlOps:Google:TokenUrl", "do not set it here: on Cloud Run access tokens come from Application Default Credentials")]
    // identities and names
    [InlineData("prod", "services/registry/serviceAccount", "mlops-trainer", "prod", "services.registry.serviceAccount", "'mlops-trainer' is also trainer's")]
    [InlineData("dev", "services/trainer/serviceAccount", "Trainer_SA", "dev", "services.trainer.serviceAccount", "not a service account id")]
    [InlineData("dev", "services/deployer/actAs", "[deployer]", "dev", "services.deployer.actAs", "'deployer' is not another service")]
    [InlineData("staging", "project", "Acme_Staging", "staging", "project", "is not a Google Cloud project id")]
    [InlineData("staging", "artifacts/bucket", "gs://acme-mlops-staging-artifacts", "staging", "artifacts.bucket", "write the bucket name without gs://")]
    [InlineData("base", "artifacts/mountPath", "/proc/artifacts", "base", "artifacts.mountPath", "Cloud Run cannot mount a volume under /proc/artifacts")]
    [InlineData("staging", "services/registry/cloudSqlInstance", "mlops-registry", "staging", "services.registry.cloudSqlInstance", "not a Cloud SQL connection name")]
    [InlineData("dev", "services/trainer/roles", "[pubsub.editor]", "dev", "services.trainer.roles", "'pubsub.editor' is not a role name")]
    public void A_broken_key_is_reported_with_its_file_key_and_reason(string edited, string path, string value, string file, string key, string reason) =>
        BrokenKey.IsReported(edited, path, value, file, key, reason);

    [Theory]
    [InlineData("services/registry/settings/MlOps:Google:PollMilliseconds")]
    [InlineData("services/deployer/settings/MlOps:Google:PollMilliseconds")]
    [InlineData("services/trainer/settings/MlOps:Google:PollMilliseconds")]
    public void A_setting_the_services_that_call_Vertex_AI_share_may_be_written_under_each_of_them(string path)
    {
        using var environments = new TempEnvironments();
        environments.Set("staging", path, "2000");

        Assert.Empty(EnvironmentLoader.Check(environments.Folder, "staging").Problems);
    }

    [Fact]
    public void An_inline_password_is_reported_without_repeating_it()
    {
        using var environments = new TempEnvironments();
        environments.Set("prod", "services/registry/settings/ConnectionStrings:Registry", "'Host=db;Password=hunter2'");

        var problems = EnvironmentLoader.Check(environments.Folder, "prod").Problems;

        Assert.NotEmpty(problems);
        Assert.DoesNotContain(problems, p => p.ToString().Contains("hunter2", StringComparison.Ordinal));
    }

    [Fact]
    public void A_YAML_syntax_error_names_the_file_and_line()
    {
        using var environments = new TempEnvironments();
        environments.Write("staging", "project: acme-mlops-staging\nservices:\n  trainer:\n    image: [unclosed\n");

        var problem = Assert.Single(EnvironmentLoader.Check(environments.Folder, "staging").Problems);

        Assert.Equal("environments/staging/environment.yaml", problem.File);
        Assert.NotNull(problem.Line);
        Assert.Contains("not valid YAML", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_written_twice_is_reported_at_its_second_line()
    {
        using var environments = new TempEnvironments();
        environments.Write("dev", "project: acme-mlops-dev\nproject: acme-mlops-dev2\n");

        var problem = Assert.Single(EnvironmentLoader.Check(environments.Folder, "dev").Problems);

        Assert.Equal(("environments/dev/environment.yaml", 2), (problem.File, problem.Line));
        Assert.Contains("'project' appears twice", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_environment_lists_the_known_ones()
    {
        var problem = Assert.Single(EnvironmentLoader.Check(RepositoryFiles.Environments, "qa").Problems);

        Assert.Equal("environments/qa/environment.yaml: no such environment (known: dev, staging, prod)", problem.ToString());
    }

    [Fact]
    public void A_problem_points_at_the_line_the_key_was_written_on()
    {
        using var environments = new TempEnvironments();
        environments.Write("staging", Repository.Read("environments/staging/environment.yaml").Replace("      Deployer:Canary:TimeoutSeconds: 600\n", "      Deployer:Canary:TimeoutSeconds: 0\n", StringComparison.Ordinal));

        var problem = Assert.Single(EnvironmentLoader.Check(environments.Folder, "staging").Problems);

        var line = File.ReadAllLines(environments.FilePath("staging"))[problem.Line!.Value - 1];
        Assert.Equal("      Deployer:Canary:TimeoutSeconds: 0", line);
    }
}
