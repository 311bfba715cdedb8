// F5: the Pub/Sub emulator, the five services over it, the console, a driver that runs the loop, and then
// steady traffic that the dashboard's commands shift into a drift scenario.
using MlOps.AppHost;
using MlOps.Hosting.PubSub;

const string Model = "taxi-tips";

var builder = DistributedApplication.CreateBuilder(args);

// Infrastructure
var pubsub = builder.AddGooglePubSubEmulator("pubsub", builder.PubSubMode(), builder.PubSubServerPath())
    .WithMlOpsTopology();
var artifacts = builder.ArtifactFolder();

// Services

var registry = builder.AddProject<Projects.MlOps_Registry_Host>("registry")
    .WithMlOpsService(pubsub, artifacts)
    .WithExternalHttpEndpoints()
    .WithHttpHealthCheck("/health");

var trainer = builder.AddProject<Projects.MlOps_Trainer_Host>("trainer")
    .WithMlOpsService(pubsub, artifacts)
    .WithHttpHealthCheck("/health")
    .WithRetrainCommand(Model);

var deployer = builder.AddProject<Projects.MlOps_Deployer_Host>("deployer")
    .WithMlOpsService(pubsub, artifacts)
    .WithEnvironment("Deployer__Strategy", "canary")
    .WithEnvironment("Deployer__Canary__TrafficPercent", "20")
    .WithHttpHealthCheck("/health")
    .WithRollbackCommand(Model);

// The serving fleet: replicas that converge on the Deployer's desired state, healthy once they have it.
var predictor = builder.AddProject<Projects.MlOps_Predictor_Host>("predictor")
    .WithMlOpsService(pubsub, artifacts)
    .WithReference(deployer).WaitFor(deployer)
    .WithEnvironment("Predictor__LogToStdout", "false")
    .WithExternalHttpEndpoints()
    .WithHttpHealthCheck("/health");

var driftWatcher = builder.AddProject<Projects.MlOps_DriftWatcher_Host>("drift-watcher")
    .WithMlOpsService(pubsub, artifacts)
    .WithEnvironment("DriftWatcher__WindowSize", "400")
    .WithEnvironment("DriftWatcher__Schedules__Timer", "true")
    .WithHttpHealthCheck("/health");

// The console: models, versions, decisions, rollouts and drift as pages, linked from the dashboard.
builder.AddProject<Projects.MlOps_Console_Host>("console")
    .WithReference(registry).WaitFor(registry)
    .WithReference(trainer)
    .WithReference(deployer)
    .WithReference(driftWatcher)
    .WithEnvironment("ASPNETCORE_ENVIRONMENT", builder.Environment.EnvironmentName)
    .WithExternalHttpEndpoints()
    .WithHttpHealthCheck("/health")
    .WithUrlForEndpoint("http", url => url.DisplayText = "Console");

// The loop: data into the artifact folder, v1, traffic, drift, until v2 serves 100%.
var driver = builder.AddProject<Projects.MlOps_Cli>("loop-driver")
    .WithArgs("drive")
    .WithEnvironment("MlOps__Artifacts__Root", artifacts)
    .WithReference(trainer).WaitFor(trainer)
    .WithReference(registry).WaitFor(registry)
    .WithReference(deployer).WaitFor(deployer)
    .WithReference(driftWatcher).WaitFor(driftWatcher)
    .WithReference(predictor).WaitFor(predictor);

// Then steady traffic in the regime the loop ended in, shifted by the dashboard's drift commands.
builder.AddProject<Projects.MlOps_Cli>("traffic")
    .WithArgs("traffic", "--scenario", "airport-surge")
    .WithHttpEndpoint(env: "PORT")
    .WithEnvironment("MlOps__Artifacts__Root", artifacts)
    .WithReference(predictor)
    .WithReference(driftWatcher)
    .WaitForCompletion(driver)
    .WithDriftCommands();

builder.Build().Run();
