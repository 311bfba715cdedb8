using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using MlOps.Contracts;
using MlOps.Deployer;
using MlOps.GoogleApis.Vertex;
using MlOps.Services.Tests.Infrastructure;

namespace MlOps.Services.Tests.Vertex;

/// <summary>The rollout engine driving a Vertex AI endpoint (the stand-in) instead of the Predictor fleet.</summary>
public sealed class VertexEndpointTargetTests
{
    private const string Model = "taxi";

    private static ModelPromoted Promoted(int version) =>
        new(Model, version, $"packages/{Model}/run{version}", version == 1 ? null : version - 1, new GateVerdict(true, "test", 0.9, null, null, 0.7, 0.005), DateTimeOffset.UtcNow);

    // What the Registry's mirror would have uploaded: versions labelled with our numbers.
    private static async Task MirrorAsync(VertexRig rig, int versions)
    {
        using var clients = rig.Clients("registry");
        var vertex = clients.Services.GetRequiredService<VertexAiClient>();
        for (var v = 1; v <= versions; v++)
        {
            var model = new VertexModel
            {
                DisplayName = Model,
                ArtifactUri = $"gs://{VertexRig.Bucket}/packages/{Model}/run{v}",
                Labels = new Dictionary<string, string> { ["mlops-version"] = v.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                ContainerSpec = new ModelContainerSpec { ImageUri = "europe-west1-docker.pkg.dev/acme/mlops/predictor@sha256:0123", PredictRoute = "/predict", HealthRoute = "/started", Env = [new EnvVar("Predictor__Version", v.ToString(System.Globalization.CultureInfo.InvariantCulture))] },
            };
            var operation = await vertex.UploadModelAsync(new UploadModelRequest(model) { ModelId = v == 1 ? Model : null, ParentModel = v == 1 ? null : vertex.ModelName(Model) }, CancellationToken.None);
            await vertex.WaitAsync<UploadModelResponse>(operation, CancellationToken.None);
        }
    }

    private static async Task<ModuleHost> StartDeployer(VertexRig rig)
    {
        var settings = rig.Settings("deployer");
        settings["Deployer:Target"] = "VertexEndpoint";
        settings["Deployer:Strategy"] = "canary";
        settings["Deployer:Canary:TrafficPercent"] = "30";
        settings["Deployer:Canary:HealthyPredictions"] = "20";
        settings["Deployer:Canary:MinimumForRollback"] = "10";
        settings["Deployer:Canary:TimeoutSeconds"] = "60";
        settings["Deployer:PollMilliseconds"] = "100";
        settings["Deployer:Vertex:MachineType"] = "n1-standard-4";
        settings["Deployer:Vertex:MinReplicas"] = "1";
        settings["Deployer:Vertex:MaxReplicas"] = "3";
        settings["Deployer:Vertex:ServiceAccount"] = VertexRig.Account("predictor");
        return await ModuleHost.StartAsync(b => b.AddDeployer(), settings);
    }

    // Client traffic to the endpoint's :predict while a condition is awaited.
    private static async Task Predicting(VertexRig rig, Func<bool> until, string what)
    {
        using var clients = rig.Clients("client");
        var vertex = clients.Services.GetRequiredService<VertexAiClient>();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!until())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            try
            {
                await vertex.PredictAsync(vertex.EndpointName(Model), new PredictRequest([new JsonObject { ["trip_distance"] = 2.5 }]), CancellationToken.None);
            }
            catch (MlOps.GoogleApis.Rest.GoogleApiException)
            {
                // a failing canary answers 500: that is what is being measured
            }

            await Task.Delay(20);
        }
    }

    private static async Task<VertexEndpoint> Endpoint(VertexRig rig)
    {
        using var clients = rig.Clients("deployer");
        var vertex = clients.Services.GetRequiredService<VertexAiClient>();
        return (await vertex.FindEndpointAsync(vertex.EndpointName(Model), CancellationToken.None))!;
    }

    [Fact]
    public async Task A_canary_runs_on_the_endpoints_traffic_split_is_judged_on_Monitoring_and_promoted()
    {
        var containers = new FakeContainers();
        await using var rig = await VertexRig.StartAsync(containers);
        await MirrorAsync(rig, 2);
        await using var host = await StartDeployer(rig);

        await host.Bus.Publish(Promoted(1));
        await Wait.Until(() => host.Harness.Published.Select<DeploymentCompleted>().Any(m => m.Context.Message.Version == 1), "v1 serving", TimeSpan.FromSeconds(30));
        await host.Bus.Publish(Promoted(2));
        await Wait.Until(() => host.Harness.Published.Select<DeploymentStarted>().Any(m => m.Context.Message.Version == 2), "the v2 canary");

        var canary = await Endpoint(rig);
        Assert.Equal(2, canary.DeployedModels!.Count);
        Assert.Equal([30, 70], canary.TrafficSplit!.Values.Order());
        await Predicting(rig, () => host.Harness.Published.Select<DeploymentCompleted>().Any(m => m.Context.Message.Version == 2), "v2 promoted");

        var after = await Endpoint(rig);
        Assert.Equal(Model + "-v2", Assert.Single(after.DeployedModels!).DisplayName);
        Assert.Equal(100, Assert.Single(after.TrafficSplit!).Value);
        var deploy = rig.StandIn.Requests.First(r => r.Path.EndsWith(":deployModel", StringComparison.Ordinal));
        Assert.Equal("n1-standard-4", deploy.Body!["deployedModel"]!["dedicatedResources"]!["machineSpec"]!["machineType"]!.GetValue<string>());
        Assert.Equal(3, deploy.Body["deployedModel"]!["dedicatedResources"]!["maxReplicaCount"]!.GetValue<int>());
        Assert.Equal(VertexRig.Account("predictor"), deploy.Body["deployedModel"]!["serviceAccount"]!.GetValue<string>());
        Assert.Contains(rig.StandIn.Requests, r => r.Path.EndsWith(":undeployModel", StringComparison.Ordinal) && r.Status == 200);
        Assert.Contains(rig.StandIn.Requests, r => r.Path.EndsWith("/timeSeries", StringComparison.Ordinal) && r.Principal == "serviceAccount:" + VertexRig.Account("deployer"));
    }

    [Fact]
    public async Task A_canary_failing_on_the_endpoint_is_rolled_back_and_undeployed()
    {
        var containers = new FakeContainers();
        containers.Failing.Add("2");
        await using var rig = await VertexRig.StartAsync(containers);
        await MirrorAsync(rig, 2);
        await using var host = await StartDeployer(rig);

        await host.Bus.Publish(Promoted(1));
        await Wait.Until(() => host.Harness.Published.Select<DeploymentCompleted>().Any(m => m.Context.Message.Version == 1), "v1 serving", TimeSpan.FromSeconds(30));
        await host.Bus.Publish(Promoted(2));
        await Predicting(rig, () => host.Harness.Published.Select<DeploymentRolledBack>().Any(), "the rollback");

        var rolledBack = host.Harness.Published.Select<DeploymentRolledBack>().Single().Context.Message;
        Assert.Equal((2, (int?)1), (rolledBack.Version, rolledBack.RestoredVersion));
        Assert.Contains("error rate", rolledBack.Reason);
        var endpoint = await Endpoint(rig);
        Assert.Equal(Model + "-v1", Assert.Single(endpoint.DeployedModels!).DisplayName);
    }

    [Fact]
    public async Task A_version_that_never_becomes_healthy_never_takes_traffic()
    {
        var containers = new FakeContainers();
        containers.NeverHealthy.Add("2");
        await using var rig = await VertexRig.StartAsync(containers, deploymentTimeout: TimeSpan.FromSeconds(2));
        await MirrorAsync(rig, 2);
        await using var host = await StartDeployer(rig);

        await host.Bus.Publish(Promoted(1));
        await Wait.Until(() => host.Harness.Published.Select<DeploymentCompleted>().Any(m => m.Context.Message.Version == 1), "v1 serving", TimeSpan.FromSeconds(30));
        await host.Bus.Publish(Promoted(2));
        await Wait.Until(() => host.Harness.Published.Select<DeploymentRolledBack>().Any(), "the refusal", TimeSpan.FromSeconds(30));

        Assert.Contains("could not deploy v2", host.Harness.Published.Select<DeploymentRolledBack>().Single().Context.Message.Reason);
        var endpoint = await Endpoint(rig);
        Assert.Equal(100, endpoint.TrafficSplit!.Single(t => t.Value > 0).Value);
        Assert.Equal(Model + "-v1", endpoint.DeployedModels!.Single(d => d.Id == endpoint.TrafficSplit!.Single(t => t.Value > 0).Key).DisplayName);
    }

    [Fact]
    public async Task A_shadow_rollout_on_a_Vertex_AI_endpoint_is_refused_at_start_naming_both_settings()
    {
        await using var rig = await VertexRig.StartAsync();
        var settings = rig.Settings("deployer");
        settings["Deployer:Target"] = "VertexEndpoint";
        settings["Deployer:Strategy"] = "shadow";

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => ModuleHost.StartAsync(b => b.AddDeployer(), settings));

        Assert.Contains("Deployer:Strategy", refused.Message);
        Assert.Contains("Deployer:Target", refused.Message);
    }
}
