using MlOps.GitOps.Model;

namespace MlOps.GitOps.Validation;

/// <summary>The configuration keys of docs/configuration.md, with what an environment may write for each.</summary>
public static class SettingCatalog
{
    private const string Trainer = ServiceNames.Trainer;
    private const string Registry = ServiceNames.Registry;
    private const string Deployer = ServiceNames.Deployer;
    private const string Predictor = ServiceNames.Predictor;
    private const string DriftWatcher = ServiceNames.DriftWatcher;
    private const string Console = ServiceNames.Console;
    private const string VertexOnly = "the Vertex AI custom-container contract; on Cloud Run the Predictor listens on PORT";
    private const string StandIn = "an override for a local stand-in; on Cloud Run the services call Google's own endpoints";

    /// <summary>
    /// <c>MlOps:Google</c> is read by every service that calls a Google API: the registry (listed first), the deployer and the
    /// trainer (Vertex AI, Cloud Monitoring, Cloud Build), and the drift-watcher (Cloud Build, when it retrains through a trigger).
    /// </summary>
    private static readonly string[] OtherGoogleCallers = [Deployer, Trainer, DriftWatcher];

    /// <summary>What the console reads of the keys every service of the loop reads: its service defaults.</summary>
    private static readonly string[] AlsoConsole = [Console];

    public static IReadOnlyList<SettingDefinition> All { get; } =
    [
        new("MlOps:Transport", null, SettingKind.Choice, SettingUse.Derived) { Choices = ["InMemory", "PubSub"], Default = "InMemory", Reason = "the renderer sets it to PubSub on Cloud Run" },
        new("MlOps:PubSub:ProjectId", null, SettingKind.Text, SettingUse.Derived) { Reason = "the renderer sets it from 'project'" },
        new("MlOps:PubSub:EmulatorHost", null, SettingKind.Text, SettingUse.NotOnCloudRun) { Reason = "an emulator is for local runs; on Cloud Run the services use Google Cloud Pub/Sub" },
        new("MlOps:PubSub:AckDeadlineSeconds", null, SettingKind.Integer) { Min = 10, Max = 600, Default = "30" },
        new("MlOps:Artifacts:Root", null, SettingKind.Text, SettingUse.Derived) { Default = "./.mlops/artifacts", Reason = "the renderer sets it from 'artifacts.mountPath'" },
        new("MlOps:Identity:Tokens", Predictor, SettingKind.Choice) { AlsoReadBy = AlsoConsole, Choices = ["None", "Metadata"], Default = "None" },
        new("MlOps:Identity:MetadataUrl", Predictor, SettingKind.Url) { AlsoReadBy = AlsoConsole, Default = "http://metadata.google.internal" },
        new("MlOps:Identity:Audience", null, SettingKind.Url),
        new("MlOps:Identity:Issuer", null, SettingKind.Url) { Default = "https://accounts.google.com" },
        new("MlOps:Identity:ReadOnly", null, SettingKind.Choice) { Choices = ["Open", "Authenticated"], Default = "Open" },
        new("MlOps:Identity:Callers", null, SettingKind.Text),
        new("PORT", null, SettingKind.Integer, SettingUse.Derived) { AlsoReadBy = AlsoConsole, Reason = "Cloud Run sets it from the service's 'port'" },
        new("OTEL_EXPORTER_OTLP_ENDPOINT", null, SettingKind.Url) { AlsoReadBy = AlsoConsole },
        new("OTEL_SERVICE_NAME", null, SettingKind.Text, SettingUse.Derived) { AlsoReadBy = AlsoConsole, Reason = "the renderer sets it to the service name" },

        new("MlOps:Google:Project", Registry, SettingKind.Text, SettingUse.Derived) { AlsoReadBy = OtherGoogleCallers, Reason = "the renderer sets it from 'project'" },
        new("MlOps:Google:Location", Registry, SettingKind.Text, SettingUse.Derived) { AlsoReadBy = OtherGoogleCallers, Reason = "the renderer sets it from 'region'" },
        new("MlOps:Google:Bucket", Registry, SettingKind.Text, SettingUse.Derived) { AlsoReadBy = OtherGoogleCallers, Reason = "the renderer sets it from 'artifacts.bucket'" },
        new("MlOps:Google:VertexUrl", Registry, SettingKind.Url, SettingUse.NotOnCloudRun) { AlsoReadBy = OtherGoogleCallers, Reason = StandIn },
        new("MlOps:Google:CloudBuildUrl", Registry, SettingKind.Url, SettingUse.NotOnCloudRun) { AlsoReadBy = OtherGoogleCallers, Reason = StandIn },
        new("MlOps:Google:MonitoringUrl", Registry, SettingKind.Url, SettingUse.NotOnCloudRun) { AlsoReadBy = OtherGoogleCallers, Reason = StandIn },
        new("MlOps:Google:TrustedCertificate", Registry, SettingKind.Text, SettingUse.NotOnCloudRun) { AlsoReadBy = OtherGoogleCallers, Reason = "a local stand-in's certificate; on Cloud Run Google's endpoints are trusted through the system roots" },
        new("MlOps:Google:TokenUrl", Registry, SettingKind.Url, SettingUse.NotOnCloudRun) { AlsoReadBy = OtherGoogleCallers, Reason = "on Cloud Run access tokens come from Application Default Credentials, the service's own account" },
        new("MlOps:Google:PollMilliseconds", Registry, SettingKind.Integer) { AlsoReadBy = OtherGoogleCallers, Min = 100, Max = 60_000, Default = "1000" },

        new("Trainer:DataPath", Trainer, SettingKind.Text) { Default = "datasets/taxi-tips" },
        new("Trainer:NewestSnapshots", Trainer, SettingKind.Integer) { Min = 1, Max = 10_000, Default = "3" },
        new("Trainer:SchemaPath", Trainer, SettingKind.Text) { Default = "datasets/taxi-tips/schema.json" },
        new("Trainer:Algorithm", Trainer, SettingKind.Choice) { Choices = ["FastTree", "LightGbm", "Sdca"], Default = "LightGbm" },
        new("Trainer:Seed", Trainer, SettingKind.Integer) { Default = "42" },
        new("Trainer:HoldoutFraction", Trainer, SettingKind.Number) { Min = 0.01, Max = 0.9, Default = "0.2" },
        new("Trainer:CategoricalEncoding", Trainer, SettingKind.Choice) { Choices = ["Auto", "OneHot", "Ordered"], Default = "Auto" },
        new("Trainer:Parameters:<name>", Trainer, SettingKind.Number) { Min = 0, MinExclusive = true },
        new("Trainer:StatePath", Trainer, SettingKind.Text) { Default = ".state/trainer.json" },
        new("Trainer:Backend", Trainer, SettingKind.Choice) { Choices = ["Local", "CustomJob"], Default = "Local" },
        new("Trainer:CustomJob:MachineType", Trainer, SettingKind.Text) { Default = "n1-standard-8" },
        new("Trainer:CustomJob:Image", Trainer, SettingKind.Text, SettingUse.Derived) { Reason = "the renderer sets it to the trainer's own image when Trainer:Backend is CustomJob" },
        new("Trainer:CustomJob:ServiceAccount", Trainer, SettingKind.Text, SettingUse.Derived) { Reason = "the renderer sets it to the trainer's service account when Trainer:Backend is CustomJob" },

        new("Registry:Database:Provider", Registry, SettingKind.Choice) { Choices = ["Sqlite", "PostgreSQL"], Default = "Sqlite" },
        new("ConnectionStrings:Registry", Registry, SettingKind.ConnectionString),
        new("Registry:Gate:MinimumAuc", Registry, SettingKind.Number) { Min = 0.5, Max = 1, Default = "0.70" },
        new("Registry:Gate:MinimumImprovement", Registry, SettingKind.Number) { Min = -1, Max = 1, Default = "0.005" },
        new("Registry:Vertex:Mirror", Registry, SettingKind.Boolean) { Default = "false" },
        new("Registry:Vertex:ServingImage", Registry, SettingKind.Text, SettingUse.Derived) { Reason = "the renderer sets it to the predictor's image when Registry:Vertex:Mirror is true" },

        new("Deployer:Strategy", Deployer, SettingKind.Choice) { Choices = ["immediate", "canary", "shadow", "gitops"], Default = "immediate" },
        new("Deployer:GitOps:Trigger", Deployer, SettingKind.Text, SettingUse.Derived) { Reason = "the renderer sets it to the environment's deploy trigger when Deployer:Strategy is gitops" },
        new("Deployer:GitOps:Branch", Deployer, SettingKind.Text, SettingUse.Derived) { Reason = "the renderer sets it to the environment's branch when Deployer:Strategy is gitops" },
        new("Deployer:GitOps:Rollout", Deployer, SettingKind.Choice) { Choices = ["immediate", "canary"], Default = "immediate" },
        new("Deployer:GitOps:BuildTimeoutSeconds", Deployer, SettingKind.Integer) { Min = 10, Max = 86_400, Default = "1800" },
        new("Deployer:Canary:TrafficPercent", Deployer, SettingKind.Integer) { Min = 1, Max = 99, Default = "10" },
        new("Deployer:Canary:HealthyPredictions", Deployer, SettingKind.Integer) { Min = 1, Max = 10_000_000, Default = "200" },
        new("Deployer:Canary:MaxErrorRate", Deployer, SettingKind.Number) { Min = 0, Max = 1, Default = "0.05" },
        new("Deployer:Canary:TimeoutSeconds", Deployer, SettingKind.Integer) { Min = 1, Max = 86_400, Default = "300" },
        new("Deployer:Canary:MinimumForRollback", Deployer, SettingKind.Integer) { Min = 1, Max = 1_000_000, Default = "20" },
        new("Deployer:Canary:MaxLatencyRatio", Deployer, SettingKind.Number) { Min = 1, Max = 1000, Default = "2" },
        new("Deployer:Canary:MinLatencyGapMs", Deployer, SettingKind.Number) { Min = 0, Max = 60_000, Default = "5" },
        new("Deployer:Canary:MinimumForLatency", Deployer, SettingKind.Integer) { Min = 1, Max = 10_000_000, Default = "200" },
        new("Deployer:Canary:MaxScoreDivergence", Deployer, SettingKind.Number) { Min = 0, Max = 1, Default = "0.25" },
        new("Deployer:Canary:MinimumForDivergence", Deployer, SettingKind.Integer) { Min = 1, Max = 10_000_000, Default = "400" },
        new("Deployer:Shadow:Comparisons", Deployer, SettingKind.Integer) { Min = 1, Max = 10_000_000, Default = "200" },
        new("Deployer:Shadow:MinAgreement", Deployer, SettingKind.Number) { Min = 0, Max = 1, Default = "0.6" },
        new("Deployer:Shadow:MaxScoreDivergence", Deployer, SettingKind.Number) { Min = 0, Max = 1, Default = "0.25" },
        new("Deployer:Shadow:TimeoutSeconds", Deployer, SettingKind.Integer) { Min = 1, Max = 86_400, Default = "300" },
        new("Deployer:Fleet:LiveSeconds", Deployer, SettingKind.Integer) { Min = 1, Max = 3600, Default = "5" },
        new("Deployer:Fleet:ConvergeSeconds", Deployer, SettingKind.Integer) { Min = 1, Max = 86_400, Default = "120" },
        new("Deployer:Fleet:MaxWaitSeconds", Deployer, SettingKind.Integer) { Min = 1, Max = 60, Default = "8" },
        new("Deployer:PollMilliseconds", Deployer, SettingKind.Integer) { Min = 10, Max = 60_000, Default = "250" },
        new("Deployer:Database:Provider", Deployer, SettingKind.Choice) { Choices = ["Sqlite", "PostgreSQL"], Default = "Sqlite" },
        new("ConnectionStrings:Deployments", Deployer, SettingKind.ConnectionString),
        new("Deployer:Target", Deployer, SettingKind.Choice) { Choices = ["Fleet", "VertexEndpoint"], Default = "Fleet" },
        new("Deployer:Vertex:MachineType", Deployer, SettingKind.Text) { Default = "n1-standard-2" },
        new("Deployer:Vertex:MinReplicas", Deployer, SettingKind.Integer) { Min = 1, Max = 1000, Default = "1" },
        new("Deployer:Vertex:MaxReplicas", Deployer, SettingKind.Integer) { Min = 1, Max = 1000, Default = "2" },
        new("Deployer:Vertex:LatencyWarmupSeconds", Deployer, SettingKind.Integer) { Min = 0, Max = 3600, Default = "15" },
        new("Deployer:Vertex:ServiceAccount", Deployer, SettingKind.Text, SettingUse.Derived) { Reason = "the renderer sets it to the predictor's service account when Deployer:Target is VertexEndpoint" },

        new("Predictor:LogSampling", Predictor, SettingKind.Number) { Min = 0, Max = 1, Default = "1.0" },
        new("Predictor:LogToStdout", Predictor, SettingKind.Boolean) { Default = "true" },
        new("Predictor:PublishLogs", Predictor, SettingKind.Boolean) { Default = "true" },
        new("Predictor:MaxInstances", Predictor, SettingKind.Integer) { Min = 1, Max = 100_000, Default = "1000" },
        new("Predictor:MaxBodyBytes", Predictor, SettingKind.Integer) { Min = 64, Max = 100 * 1024 * 1024, Default = "1048576" },
        new("Predictor:LogQueueCapacity", Predictor, SettingKind.Integer) { Min = 1, Max = 10_000_000, Default = "100000" },
        new("Predictor:AdminToken", Predictor, SettingKind.Text) { SecretOnly = true },
        new("Predictor:DefaultModel", Predictor, SettingKind.Text) { Default = "taxi-tips" },
        new("Predictor:PackageUri", Predictor, SettingKind.Text),
        new("Predictor:Version", Predictor, SettingKind.Integer) { Min = 1, Max = 1_000_000, Default = "1" },
        new("Predictor:SourcePackageUri", Predictor, SettingKind.Text, SettingUse.NotOnCloudRun) { Reason = "the Registry's mirror sets it on the Vertex AI serving container of each version" },
        new("Predictor:Fleet:WaitSeconds", Predictor, SettingKind.Integer) { Min = 1, Max = 8, Default = "8" },
        new("Predictor:Fleet:ReportMilliseconds", Predictor, SettingKind.Integer) { Min = 100, Max = 60_000, Default = "1000" },
        new("Predictor:Fleet:ReplicaId", Predictor, SettingKind.Text),
        new("services:deployer:http:0", Predictor, SettingKind.Url) { AlsoReadBy = AlsoConsole },
        new("AIP_HTTP_PORT", Predictor, SettingKind.Integer, SettingUse.NotOnCloudRun) { Reason = VertexOnly },
        new("AIP_PREDICT_ROUTE", Predictor, SettingKind.Text, SettingUse.NotOnCloudRun) { Reason = VertexOnly },
        new("AIP_HEALTH_ROUTE", Predictor, SettingKind.Text, SettingUse.NotOnCloudRun) { Reason = VertexOnly },
        new("AIP_STORAGE_URI", Predictor, SettingKind.Text, SettingUse.NotOnCloudRun) { Reason = VertexOnly },

        new("DriftWatcher:PullLogsInBatches", DriftWatcher, SettingKind.Boolean) { Default = "true" },
        new("DriftWatcher:WindowSize", DriftWatcher, SettingKind.Integer) { Min = 10, Max = 10_000_000, Default = "500" },
        new("DriftWatcher:MinimumSamples", DriftWatcher, SettingKind.Integer) { Min = 1, Max = 10_000_000, Default = "200" },
        new("DriftWatcher:CooldownSeconds", DriftWatcher, SettingKind.Integer) { Min = 0, Max = 7 * 86_400, Default = "300" },
        new("DriftWatcher:Thresholds:Numeric", DriftWatcher, SettingKind.Number) { Min = 0, Max = 1, MinExclusive = true, Default = "0.1" },
        new("DriftWatcher:Thresholds:Categorical", DriftWatcher, SettingKind.Number) { Min = 0, Max = 1, MinExclusive = true, Default = "0.1" },
        new("DriftWatcher:Thresholds:Features:<name>", DriftWatcher, SettingKind.Number) { Min = 0, Max = 1, MinExclusive = true },
        new("DriftWatcher:Thresholds:DriftFactor", DriftWatcher, SettingKind.Number) { Min = 1, Max = 10, Default = "1.5" },
        new("DriftWatcher:WindowSeconds", DriftWatcher, SettingKind.Integer) { Min = 1, Max = 86_400, Default = "300" },
        new("DriftWatcher:PerformanceDrop", DriftWatcher, SettingKind.Number) { Min = 0, Max = 1, Default = "0.05" },
        new("DriftWatcher:Alerts:Webhooks:<name>:Url", DriftWatcher, SettingKind.Url),
        new("DriftWatcher:Alerts:Webhooks:<name>:Secret", DriftWatcher, SettingKind.Text) { SecretOnly = true },
        new("DriftWatcher:Alerts:Webhooks:<name>:Kinds", DriftWatcher, SettingKind.Text),
        new("DriftWatcher:Alerts:Topic", DriftWatcher, SettingKind.Text),
        new("DriftWatcher:Alerts:MaxAttempts", DriftWatcher, SettingKind.Integer) { Min = 1, Max = 100, Default = "6" },
        new("DriftWatcher:Alerts:InitialBackoffMilliseconds", DriftWatcher, SettingKind.Integer) { Min = 1, Max = 3_600_000, Default = "1000" },
        new("DriftWatcher:Alerts:MaxBackoffMilliseconds", DriftWatcher, SettingKind.Integer) { Min = 1, Max = 86_400_000, Default = "300000" },
        new("DriftWatcher:Alerts:TimeoutSeconds", DriftWatcher, SettingKind.Integer) { Min = 1, Max = 300, Default = "10" },
        new("DriftWatcher:Schedules:Timer", DriftWatcher, SettingKind.Boolean, SettingUse.NotOnCloudRun) { Default = "false", Reason = "on Cloud Run a Cloud Scheduler job per schedule publishes its occurrences (bootstrap creates them); a timer as well would fire each one twice" },
        new("DriftWatcher:Schedules:<name>:Cron", DriftWatcher, SettingKind.Text) { Names = PatternName.Schedule },
        new("DriftWatcher:Schedules:<name>:Kind", DriftWatcher, SettingKind.Choice) { Names = PatternName.Schedule, Choices = ["retrain", "batch-score"], Default = "retrain" },
        new("DriftWatcher:Schedules:<name>:Model", DriftWatcher, SettingKind.Text) { Names = PatternName.Schedule },
        new("DriftWatcher:Schedules:<name>:Input", DriftWatcher, SettingKind.Text) { Names = PatternName.Schedule },
        new("DriftWatcher:Schedules:<name>:Output", DriftWatcher, SettingKind.Text) { Names = PatternName.Schedule },
        new("DriftWatcher:Retraining:Trigger", DriftWatcher, SettingKind.Text),
        new("DriftWatcher:Retraining:Branch", DriftWatcher, SettingKind.Text, SettingUse.Derived) { Reason = "the renderer sets it to the environment's branch when DriftWatcher:Retraining:Trigger is set" },

        new("Console:RefreshSeconds", Console, SettingKind.Integer) { Min = 1, Max = 60, Default = "2" },
        new("Console:Iap:Audience", Console, SettingKind.Text),
        new("Console:Iap:KeysUrl", Console, SettingKind.Url, SettingUse.NotOnCloudRun) { Default = "https://www.gstatic.com/iap/verify/public_key-jwk", Reason = "IAP's own signing keys; another URL is for a local stand-in of IAP" },
        new("Console:Iap:Issuer", Console, SettingKind.Url, SettingUse.NotOnCloudRun) { Default = "https://cloud.google.com/iap", Reason = "IAP's own issuer; another is for a local stand-in of IAP" },
        new("Console:Operators", Console, SettingKind.Text),
        new("services:registry:http:0", Console, SettingKind.Url),
        new("services:trainer:http:0", Console, SettingKind.Url),
        new("services:drift-watcher:http:0", Console, SettingKind.Url),
    ];

    public static SettingDefinition? Find(string key) => All.FirstOrDefault(d => d.Matches(key));

    /// <summary>The value a service runs with: the environment's, else the documented default.</summary>
    public static string? Effective(ServiceSpec service, string key) =>
        service.Find(key)?.Value is LiteralValue literal ? literal.Text : Find(key)?.Default;
}
