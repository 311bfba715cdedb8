using System.Net;
using System.Text.Json.Nodes;

namespace MlOps.StandIns.Tests;

/// <summary>Deploying to a container that serves, predicting through the endpoint, undeploying, and what Monitoring then reports.</summary>
public sealed class ServingTests
{
    private static JsonObject Deployment(string model, JsonObject? split = null) => new()
    {
        ["deployedModel"] = new JsonObject
        {
            ["model"] = model,
            ["displayName"] = "churn-serving",
            ["serviceAccount"] = "mlops-serving@acme-mlops-dev.iam.gserviceaccount.com",
            ["dedicatedResources"] = new JsonObject
            {
                ["machineSpec"] = new JsonObject { ["machineType"] = "n1-standard-2" },
                ["minReplicaCount"] = 1,
            },
        },
        ["trafficSplit"] = split ?? [],
    };

    [Fact]
    public async Task A_deployed_model_serves_predictions_through_the_endpoint_until_it_is_undeployed()
    {
        var containers = new FakeContainers();
        await using var standIn = await Harness.StartAsync(o => o with { Containers = containers });
        using var client = new GoogleClient(standIn);
        await Vertex.UploadAsync(client, new JsonObject { ["modelId"] = "churn", ["model"] = Vertex.ModelBody() });
        var endpoint = await Vertex.CreateEndpointAsync(client, "churn");

        var deploy = (await client.PostAsync($"v1/{endpoint}:deployModel", Deployment(Vertex.Model("churn") + "@1"))).Ok;
        var deployed = await Vertex.DoneAsync(client, deploy);
        var id = deployed["response"]!["deployedModel"]!["id"]!.GetValue<string>();
        var serving = (await client.GetAsync($"v1/{endpoint}")).Ok;
        var prediction = (await client.PostAsync($"v1/{endpoint}:predict", new JsonObject { ["instances"] = new JsonArray(new JsonArray(1, 2), new JsonArray(3, 4)) })).Ok;
        var undeploy = (await client.PostAsync($"v1/{endpoint}:undeployModel", new JsonObject { ["deployedModelId"] = id })).Ok;
        var undeployed = await Vertex.DoneAsync(client, undeploy);
        var afterwards = await client.PostAsync($"v1/{endpoint}:predict", new JsonObject { ["instances"] = new JsonArray(1) });

        Assert.Equal("type.googleapis.com/google.cloud.aiplatform.v1.DeployModelOperationMetadata", deploy["metadata"]!["@type"]!.GetValue<string>());
        Assert.Equal("SUCCESSFULLY_DEPLOYED", deployed["metadata"]!["deploymentStage"]!.GetValue<string>());
        var model = Assert.Single(serving["deployedModels"]!.AsArray())!;
        Assert.Equal(Vertex.Model("churn"), model["model"]!.GetValue<string>());
        Assert.Equal("1", model["modelVersionId"]!.GetValue<string>());
        Assert.Equal("n1-standard-2", model["dedicatedResources"]!["machineSpec"]!["machineType"]!.GetValue<string>());
        Assert.Equal(1, model["dedicatedResources"]!["maxReplicaCount"]!.GetValue<int>());
        Assert.Equal(100, serving["trafficSplit"]![id]!.GetValue<int>());
        Assert.Equal([0.5, 0.5], prediction["predictions"]!.AsArray().Select(p => p!.GetValue<double>()));
        Assert.Equal(id, prediction["deployedModelId"]!.GetValue<string>());
        Assert.Equal(Vertex.Model("churn"), prediction["model"]!.GetValue<string>());
        Assert.Equal("1", prediction["modelVersionId"]!.GetValue<string>());
        Assert.Equal("churn", prediction["modelDisplayName"]!.GetValue<string>());
        Assert.Equal("type.googleapis.com/google.cloud.aiplatform.v1.UndeployModelResponse", undeployed["response"]!["@type"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, afterwards.Status);
        Assert.Equal("FAILED_PRECONDITION", afterwards.Error["status"]!.GetValue<string>());
        await Vertex.EventuallyAsync(() => Task.FromResult(containers.Servers.Single().Disposed), stopped => stopped, "the undeployed model's container to stop");

        var launch = containers.Serving.Single();
        var env = launch.Container.Env.ToDictionary(e => e.Name, e => e.Value);
        Assert.Equal(endpoint, launch.Endpoint);
        Assert.Equal("/predict", launch.Container.PredictRoute);
        Assert.Equal([8080], launch.Container.Ports);
        Assert.Equal("mlops-serving@acme-mlops-dev.iam.gserviceaccount.com", launch.ServiceAccount);
        Assert.Equal("lightgbm", env["MODEL_FLAVOUR"]);
        Assert.Equal("gs://acme-models/churn/1/", env["AIP_STORAGE_URI"]);
        Assert.Equal(id, env["AIP_DEPLOYED_MODEL_ID"]);
        Assert.Equal("churn", env["AIP_ENDPOINT_ID"]);
        Assert.Equal("/health", env["AIP_HEALTH_ROUTE"]);
        Assert.Equal("/predict", env["AIP_PREDICT_ROUTE"]);
    }

    [Fact]
    public async Task A_deployment_whose_container_never_answers_its_health_route_fails_and_leaves_the_endpoint_as_it_was()
    {
        var containers = new FakeContainers { Healthy = false };
        await using var standIn = await Harness.StartAsync(o => o with { Containers = containers, DeploymentTimeout = TimeSpan.FromMilliseconds(600) });
        using var client = new GoogleClient(standIn);
        await Vertex.UploadAsync(client, new JsonObject { ["modelId"] = "churn", ["model"] = Vertex.ModelBody() });
        var endpoint = await Vertex.CreateEndpointAsync(client, "churn");

        var failed = await Vertex.DoneAsync(client, (await client.PostAsync($"v1/{endpoint}:deployModel", Deployment(Vertex.Model("churn")))).Ok);
        var after = (await client.GetAsync($"v1/{endpoint}")).Ok;

        Assert.Equal(9, failed["error"]!["code"]!.GetValue<int>());
        Assert.Contains("never became ready", failed["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("HTTP 503", failed["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("FAILED_TO_DEPLOY", failed["metadata"]!["deploymentStage"]!.GetValue<string>());
        Assert.Null(after["deployedModels"]);
        Assert.True(containers.Servers.Single().Disposed);
    }

    [Fact]
    public async Task Traffic_moves_only_by_splits_that_add_up_to_100_and_a_model_holding_traffic_is_not_undeployed()
    {
        await using var standIn = await Harness.StartAsync(o => o with { Containers = new FakeContainers() });
        using var client = new GoogleClient(standIn);
        await Vertex.UploadAsync(client, new JsonObject { ["modelId"] = "churn", ["model"] = Vertex.ModelBody() });
        await Vertex.UploadAsync(client, new JsonObject { ["parentModel"] = Vertex.Model("churn"), ["model"] = Vertex.ModelBody() });
        var endpoint = await Vertex.CreateEndpointAsync(client, "churn");
        var champion = (await Vertex.DoneAsync(client, (await client.PostAsync($"v1/{endpoint}:deployModel", Deployment(Vertex.Model("churn") + "@1"))).Ok))["response"]!["deployedModel"]!["id"]!.GetValue<string>();

        var badSum = await client.PostAsync($"v1/{endpoint}:deployModel", Deployment(Vertex.Model("churn") + "@2", new JsonObject { ["0"] = 10, [champion] = 80 }));
        var noResources = await client.PostAsync($"v1/{endpoint}:deployModel", new JsonObject { ["deployedModel"] = new JsonObject { ["model"] = Vertex.Model("churn") } });
        var canary = await Vertex.DoneAsync(client, (await client.PostAsync($"v1/{endpoint}:deployModel", Deployment(Vertex.Model("churn") + "@2", new JsonObject { ["0"] = 10, [champion] = 90 }))).Ok);
        var challenger = canary["response"]!["deployedModel"]!["id"]!.GetValue<string>();
        var split = (await client.GetAsync($"v1/{endpoint}")).Ok["trafficSplit"]!;
        var holding = await client.PostAsync($"v1/{endpoint}:undeployModel", new JsonObject { ["deployedModelId"] = champion });
        var moved = await Vertex.DoneAsync(client, (await client.PostAsync($"v1/{endpoint}:undeployModel", new JsonObject { ["deployedModelId"] = champion, ["trafficSplit"] = new JsonObject { [challenger] = 100 } })).Ok);
        var after = (await client.GetAsync($"v1/{endpoint}")).Ok;

        Assert.Equal(HttpStatusCode.BadRequest, badSum.Status);
        Assert.Equal(["trafficSplit"], badSum.ViolatedFields);
        Assert.Contains("add up to 90, not 100", badSum.Message, StringComparison.Ordinal);
        Assert.Equal(["deployedModel.dedicatedResources"], noResources.ViolatedFields);
        Assert.Equal(90, split[champion]!.GetValue<int>());
        Assert.Equal(10, split[challenger]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.BadRequest, holding.Status);
        Assert.Equal("FAILED_PRECONDITION", holding.Error["status"]!.GetValue<string>());
        Assert.Null(moved["error"]);
        Assert.Equal(challenger, Assert.Single(after["deployedModels"]!.AsArray())!["id"]!.GetValue<string>());
        Assert.Equal(100, after["trafficSplit"]![challenger]!.GetValue<int>());
    }

    [Fact]
    public async Task A_container_error_is_passed_on_with_its_status_in_google_error_shape()
    {
        await using var standIn = await Harness.StartAsync(o => o with { Containers = new FakeContainers() });
        using var client = new GoogleClient(standIn);
        await Vertex.UploadAsync(client, new JsonObject { ["modelId"] = "churn", ["model"] = Vertex.ModelBody() });
        var endpoint = await Vertex.CreateEndpointAsync(client, "churn");
        await Vertex.DoneAsync(client, (await client.PostAsync($"v1/{endpoint}:deployModel", Deployment(Vertex.Model("churn")))).Ok);

        var refused = await client.PostAsync($"v1/{endpoint}:predict", new JsonObject { ["instances"] = new JsonArray("fail") });
        var empty = await client.PostAsync($"v1/{endpoint}:predict", new JsonObject { ["instances"] = new JsonArray() });

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal(400, refused.Error["code"]!.GetValue<int>());
        Assert.Equal("""{"detail":"instance 0 is not a feature vector"}""", refused.Message);
        Assert.Equal(["instances"], empty.ViolatedFields);
    }

    [Fact]
    public async Task Monitoring_reports_the_responses_and_latencies_predict_recorded_per_deployed_model()
    {
        await using var standIn = await Harness.StartAsync(o => o with { Containers = new FakeContainers() });
        using var client = new GoogleClient(standIn);
        await Vertex.UploadAsync(client, new JsonObject { ["modelId"] = "churn", ["model"] = Vertex.ModelBody() });
        var endpoint = await Vertex.CreateEndpointAsync(client, "churn");
        var id = (await Vertex.DoneAsync(client, (await client.PostAsync($"v1/{endpoint}:deployModel", Deployment(Vertex.Model("churn"))))
            .Ok))["response"]!["deployedModel"]!["id"]!.GetValue<string>();
        var start = DateTimeOffset.UtcNow.AddMinutes(-1);
        foreach (var instance in new JsonNode[] { 1, 2, "fail" })
        {
            await client.PostAsync($"v1/{endpoint}:predict", new JsonObject { ["instances"] = new JsonArray(instance) });
        }

        var window = $"interval.startTime={start:yyyy-MM-ddTHH:mm:ssZ}&interval.endTime={DateTimeOffset.UtcNow.AddMinutes(1):yyyy-MM-ddTHH:mm:ssZ}";
        string Filter(string metric) => Uri.EscapeDataString($"metric.type = \"aiplatform.googleapis.com/prediction/online/{metric}\" AND resource.labels.endpoint_id = \"churn\" AND metric.labels.deployed_model_id = \"{id}\"");
        var counts = (await client.GetAsync($"v3/projects/{Harness.Project}/timeSeries?filter={Filter("response_count")}&{window}")).Ok;
        var latencies = (await client.GetAsync($"v3/projects/{Harness.Project}/timeSeries?filter={Filter("prediction_latencies")}&{window}")).Ok;
        var past = (await client.GetAsync($"v3/projects/{Harness.Project}/timeSeries?filter={Filter("response_count")}&interval.endTime={start:yyyy-MM-ddTHH:mm:ssZ}")).Ok;

        long Total(JsonNode series) => series["points"]!.AsArray().Sum(p => long.Parse(p!["value"]!["int64Value"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
        var byCode = counts["timeSeries"]!.AsArray().ToDictionary(s => s!["metric"]!["labels"]!["response_code"]!.GetValue<string>(), s => Total(s!));
        Assert.Equal(new Dictionary<string, long> { ["200"] = 2, ["400"] = 1 }, byCode);
        var series = counts["timeSeries"]![0]!;
        Assert.Equal("aiplatform.googleapis.com/Endpoint", series["resource"]!["type"]!.GetValue<string>());
        Assert.Equal(Harness.Location, series["resource"]!["labels"]!["location"]!.GetValue<string>());
        Assert.Equal("DELTA", series["metricKind"]!.GetValue<string>());
        Assert.Equal("INT64", series["valueType"]!.GetValue<string>());
        var ends = series["points"]!.AsArray().Select(p => DateTimeOffset.Parse(p!["interval"]!["endTime"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(ends.OrderDescending(), ends);

        var distributions = latencies["timeSeries"]!.AsArray().Single()!["points"]!.AsArray().Select(p => p!["value"]!["distributionValue"]!).ToList();
        Assert.Equal(3, distributions.Sum(d => long.Parse(d!["count"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(40, distributions[0]!["bucketOptions"]!["exponentialBuckets"]!["numFiniteBuckets"]!.GetValue<int>());
        Assert.Equal("DISTRIBUTION", latencies["timeSeries"]![0]!["valueType"]!.GetValue<string>());
        Assert.Null(past["timeSeries"]);
    }

    [Fact]
    public async Task Monitoring_refuses_a_filter_without_a_metric_type_an_unknown_metric_and_a_missing_end_time()
    {
        await using var standIn = await Harness.StartAsync();
        using var client = new GoogleClient(standIn);
        var end = "interval.endTime=2026-01-01T00:00:00Z";

        var noType = await client.GetAsync($"v3/projects/{Harness.Project}/timeSeries?filter={Uri.EscapeDataString("resource.labels.endpoint_id = \"1\"")}&{end}");
        var unknown = await client.GetAsync($"v3/projects/{Harness.Project}/timeSeries?filter={Uri.EscapeDataString("metric.type = \"aiplatform.googleapis.com/prediction/online/cpu\"")}&{end}");
        var noEnd = await client.GetAsync($"v3/projects/{Harness.Project}/timeSeries?filter={Uri.EscapeDataString("metric.type = \"aiplatform.googleapis.com/prediction/online/response_count\"")}&interval.startTime=2026-01-01T00:00:00Z");
        var noInterval = await client.GetAsync($"v3/projects/{Harness.Project}/timeSeries?filter={Uri.EscapeDataString("metric.type = \"aiplatform.googleapis.com/prediction/online/response_count\"")}");
        var noFilter = await client.GetAsync($"v3/projects/{Harness.Project}/timeSeries?{end}");

        Assert.Equal(["filter"], noType.ViolatedFields);
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Equal(["interval.endTime"], noEnd.ViolatedFields);
        Assert.Equal(["interval"], noInterval.ViolatedFields);
        Assert.Equal(["filter"], noFilter.ViolatedFields);
    }
}
