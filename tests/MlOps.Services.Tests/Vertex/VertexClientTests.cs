using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using MlOps.GoogleApis.Monitoring;
using MlOps.GoogleApis.Rest;
using MlOps.GoogleApis.Vertex;
using MlOps.Rehearsal.StandIns;

namespace MlOps.Services.Tests.Vertex;

/// <summary>Every Vertex AI and Monitoring call the services make, against the stand-in that checks it against Google's protos.</summary>
public sealed class VertexClientTests
{
    private const string Model = "taxi-tips";

    private static VertexModel Version(int number) => new()
    {
        DisplayName = Model,
        ArtifactUri = $"gs://{VertexRig.Bucket}/packages/{Model}/run{number}",
        Labels = new Dictionary<string, string> { ["mlops-version"] = number.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        ContainerSpec = new ModelContainerSpec { ImageUri = "europe-west1-docker.pkg.dev/acme/mlops/predictor@sha256:abc", PredictRoute = "/predict", HealthRoute = "/started", Ports = [new Port(8080)], Env = [new EnvVar("Predictor__Version", number.ToString(System.Globalization.CultureInfo.InvariantCulture))] },
    };

    private static async Task<string> UploadAsync(VertexAiClient vertex, int number)
    {
        var first = number == 1;
        var operation = await vertex.UploadModelAsync(new UploadModelRequest(Version(number)) { ModelId = first ? Model : null, ParentModel = first ? null : vertex.ModelName(Model) }, CancellationToken.None);
        var uploaded = await vertex.WaitAsync<UploadModelResponse>(operation, CancellationToken.None);
        return vertex.VersionName(Model, uploaded.ModelVersionId);
    }

    [Fact]
    public async Task An_upload_is_followed_to_its_response_and_every_request_carries_the_account_token()
    {
        await using var rig = await VertexRig.StartAsync();
        using var clients = rig.Clients("registry");
        var vertex = clients.Services.GetRequiredService<VertexAiClient>();

        var operation = await vertex.UploadModelAsync(new UploadModelRequest(Version(1)) { ModelId = Model }, CancellationToken.None);
        Assert.False(operation.Done);
        var uploaded = await vertex.WaitAsync<UploadModelResponse>(operation, CancellationToken.None);

        Assert.Equal(($"projects/{VertexRig.Project}/locations/{VertexRig.Location}/models/{Model}", "1"), (uploaded.Model, uploaded.ModelVersionId));
        var upload = rig.StandIn.Requests.First(r => r.Path.EndsWith("/models:upload", StringComparison.Ordinal));
        Assert.Equal(("POST", 200), (upload.Method, upload.Status));
        Assert.Equal($"/v1/projects/{VertexRig.Project}/locations/{VertexRig.Location}/models:upload", upload.Path);
        Assert.Equal("serviceAccount:" + VertexRig.Account("registry"), upload.Principal);
        Assert.StartsWith("Bearer ya29.local-", upload.Authorization);
        Assert.Equal(Model, upload.Body!["modelId"]!.GetValue<string>());
        Assert.Equal("/predict", upload.Body["model"]!["containerSpec"]!["predictRoute"]!.GetValue<string>());
        Assert.Contains(rig.StandIn.Requests, r => r.Method == "GET" && r.Path.Contains("/operations/", StringComparison.Ordinal) && r.Status == 200);
        Assert.All(rig.StandIn.Requests, r => Assert.Equal("serviceAccount:" + VertexRig.Account("registry"), r.Principal));
    }

    [Fact]
    public async Task Versions_are_found_by_label_aliases_move_between_them_and_evaluations_are_imported()
    {
        await using var rig = await VertexRig.StartAsync();
        using var clients = rig.Clients("registry");
        var vertex = clients.Services.GetRequiredService<VertexAiClient>();
        var v1 = await UploadAsync(vertex, 1);
        var v2 = await UploadAsync(vertex, 2);

        var found = await vertex.ListVersionsAsync(vertex.ModelName(Model), "labels.mlops-version=2", CancellationToken.None);
        Assert.Equal("2", Assert.Single(found).VersionId);
        Assert.Empty(await vertex.ListVersionsAsync(vertex.ModelName("no-such-model"), null, CancellationToken.None));

        await vertex.MergeVersionAliasesAsync(v1, ["champion"], CancellationToken.None);
        var moved = await vertex.MergeVersionAliasesAsync(v2, ["champion"], CancellationToken.None);
        Assert.Contains("champion", moved.VersionAliases!);
        Assert.DoesNotContain("champion", (await vertex.FindModelAsync(v1, CancellationToken.None))!.VersionAliases ?? []);
        var removed = await vertex.MergeVersionAliasesAsync(v2, ["-champion"], CancellationToken.None);
        Assert.DoesNotContain("champion", removed.VersionAliases ?? []);

        var evaluation = await vertex.ImportEvaluationAsync(v2, new ModelEvaluation
        {
            DisplayName = "holdout",
            MetricsSchemaUri = "gs://google-cloud-aiplatform/schema/modelevaluation/classification_metrics_1.0.0.yaml",
            Metrics = new JsonObject { ["auRoc"] = 0.83, ["logLoss"] = 0.41 },
        }, CancellationToken.None);
        Assert.StartsWith($"projects/{VertexRig.Project}/locations/{VertexRig.Location}/models/{Model}", evaluation.Name);
        Assert.Equal("holdout", Assert.Single(await vertex.ListEvaluationsAsync(v2, CancellationToken.None)).DisplayName);
    }

    [Fact]
    public async Task An_alias_Vertex_AI_would_refuse_is_a_clear_error_naming_the_field()
    {
        await using var rig = await VertexRig.StartAsync();
        using var clients = rig.Clients("registry");
        var vertex = clients.Services.GetRequiredService<VertexAiClient>();
        var v1 = await UploadAsync(vertex, 1);

        var refused = await Assert.ThrowsAsync<GoogleApiException>(() => vertex.MergeVersionAliasesAsync(v1, ["Not_An_Alias!"], CancellationToken.None));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("INVALID_ARGUMENT", refused.Status);
        Assert.Contains("versionAliases", refused.Message);
    }

    [Fact]
    public async Task An_endpoint_is_created_models_deployed_traffic_split_and_models_undeployed()
    {
        await using var rig = await VertexRig.StartAsync();
        using var clients = rig.Clients("deployer");
        var vertex = clients.Services.GetRequiredService<VertexAiClient>();
        var v1 = await UploadAsync(vertex, 1);
        var v2 = await UploadAsync(vertex, 2);

        var endpoint = await vertex.WaitAsync<VertexEndpoint>(await vertex.CreateEndpointAsync(Model, new VertexEndpoint { DisplayName = Model }, CancellationToken.None), CancellationToken.None);
        Assert.Equal(vertex.EndpointName(Model), endpoint.Name);
        var resources = new DedicatedResources(new MachineSpec("n1-standard-2"), 1, 2);
        var first = await vertex.WaitAsync<DeployModelResponse>(await vertex.DeployModelAsync(endpoint.Name!, new DeployedModel { Model = v1, DisplayName = "taxi-tips-v1", DedicatedResources = resources }, null, CancellationToken.None), CancellationToken.None);
        var second = await vertex.WaitAsync<DeployModelResponse>(await vertex.DeployModelAsync(endpoint.Name!, new DeployedModel { Model = v2, DisplayName = "taxi-tips-v2", DedicatedResources = resources }, null, CancellationToken.None), CancellationToken.None);

        endpoint = (await vertex.FindEndpointAsync(endpoint.Name!, CancellationToken.None))!;
        Assert.Equal(100, endpoint.TrafficSplit![first.DeployedModel.Id!]);
        Assert.Equal(2, endpoint.DeployedModels!.Count);
        var split = await vertex.SetTrafficSplitAsync(endpoint, new Dictionary<string, int> { [first.DeployedModel.Id!] = 70, [second.DeployedModel.Id!] = 30 }, CancellationToken.None);
        Assert.Equal(30, split.TrafficSplit![second.DeployedModel.Id!]);
        var patch = rig.StandIn.Requests.Single(r => r.Method == "PATCH");
        Assert.Equal("updateMask=trafficSplit", patch.Query);

        await vertex.SetTrafficSplitAsync(split, new Dictionary<string, int> { [second.DeployedModel.Id!] = 100 }, CancellationToken.None);
        await vertex.WaitAsync<JsonNode>(await vertex.UndeployModelAsync(endpoint.Name!, first.DeployedModel.Id!, null, CancellationToken.None), CancellationToken.None);
        endpoint = (await vertex.FindEndpointAsync(endpoint.Name!, CancellationToken.None))!;
        Assert.Equal(second.DeployedModel.Id, Assert.Single(endpoint.DeployedModels!).Id);
    }

    [Fact]
    public async Task A_split_that_does_not_add_up_is_refused_with_the_reason()
    {
        await using var rig = await VertexRig.StartAsync();
        using var clients = rig.Clients("deployer");
        var vertex = clients.Services.GetRequiredService<VertexAiClient>();
        var v1 = await UploadAsync(vertex, 1);
        var endpoint = await vertex.WaitAsync<VertexEndpoint>(await vertex.CreateEndpointAsync(Model, new VertexEndpoint { DisplayName = Model }, CancellationToken.None), CancellationToken.None);
        var deployed = await vertex.WaitAsync<DeployModelResponse>(await vertex.DeployModelAsync(endpoint.Name!, new DeployedModel { Model = v1, DedicatedResources = new DedicatedResources(new MachineSpec("n1-standard-2"), 1, 1) }, null, CancellationToken.None), CancellationToken.None);

        var refused = await Assert.ThrowsAsync<GoogleApiException>(() => vertex.SetTrafficSplitAsync(endpoint, new Dictionary<string, int> { [deployed.DeployedModel.Id!] = 60 }, CancellationToken.None));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("100", refused.Message);
    }

    [Fact]
    public async Task A_custom_job_runs_to_its_end_is_found_by_its_label_and_can_be_cancelled()
    {
        await using var rig = await VertexRig.StartAsync();
        using var clients = rig.Clients("trainer");
        var vertex = clients.Services.GetRequiredService<VertexAiClient>();
        CustomJob Job(string request) => new()
        {
            DisplayName = $"mlops-train-{request}",
            Labels = new Dictionary<string, string> { ["mlops-request"] = request },
            JobSpec = new CustomJobSpec([new WorkerPoolSpec(new MachineSpec("n1-standard-8"), new ContainerSpec("europe-west1-docker.pkg.dev/acme/mlops/trainer@sha256:abc") { Args = ["--job"] })])
            {
                ServiceAccount = VertexRig.Account("trainer"),
                BaseOutputDirectory = new GcsDestination($"gs://{VertexRig.Bucket}/jobs/{request}"),
            },
        };

        var created = await vertex.CreateCustomJobAsync(Job("r1"), CancellationToken.None);
        var finished = await vertex.WaitForJobAsync(created.Name!, CancellationToken.None);
        Assert.Equal(JobStates.Succeeded, finished.State);
        Assert.Equal(created.Name, Assert.Single(await vertex.ListCustomJobsAsync("labels.mlops-request=r1", CancellationToken.None)).Name);
        Assert.Equal("1", rig.StandIn.Requests.First(r => r.Method == "POST" && r.Path.EndsWith("/customJobs", StringComparison.Ordinal)).Body!["jobSpec"]!["workerPoolSpecs"]![0]!["replicaCount"]!.GetValue<string>());

        var second = await vertex.CreateCustomJobAsync(Job("r2"), CancellationToken.None);
        await vertex.CancelCustomJobAsync(second.Name!, CancellationToken.None);
        Assert.Equal(JobStates.Cancelled, (await vertex.WaitForJobAsync(second.Name!, CancellationToken.None)).State);
    }

    [Fact]
    public async Task Monitoring_time_series_are_read_with_the_filter_and_interval()
    {
        await using var rig = await VertexRig.StartAsync();
        using var clients = rig.Clients("deployer");
        var monitoring = clients.Services.GetRequiredService<MonitoringClient>();

        var series = await monitoring.ListTimeSeriesAsync("metric.type = \"aiplatform.googleapis.com/prediction/online/response_count\" AND resource.labels.endpoint_id = \"taxi-tips\"", DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow, CancellationToken.None);

        Assert.Empty(series);
        var request = Assert.Single(rig.StandIn.Requests);
        Assert.Equal(($"/v3/projects/{VertexRig.Project}/timeSeries", 200), (request.Path, request.Status));
        Assert.Contains("interval.endTime=", request.Query);
    }

    [Theory]
    [InlineData(RpcCode.ResourceExhausted)]
    [InlineData(RpcCode.Unavailable)]
    public async Task A_call_refused_for_now_is_retried_after_the_servers_Retry_After(RpcCode code)
    {
        await using var rig = await VertexRig.StartAsync();
        using var clients = rig.Clients("registry");
        var vertex = clients.Services.GetRequiredService<VertexAiClient>();
        rig.StandIn.Inject(new StandInFault("POST", ":upload", code) { Times = 2, RetryAfter = TimeSpan.FromSeconds(1) });

        var operation = await vertex.UploadModelAsync(new UploadModelRequest(Version(1)) { ModelId = Model }, CancellationToken.None);

        Assert.NotNull(operation.Name);
        var uploads = rig.StandIn.Requests.Where(r => r.Path.EndsWith(":upload", StringComparison.Ordinal)).Select(r => r.Status).ToList();
        Assert.Equal([code == RpcCode.ResourceExhausted ? 429 : 503, code == RpcCode.ResourceExhausted ? 429 : 503, 200], uploads);
    }

    [Fact]
    public async Task A_missing_permission_is_an_error_naming_the_permission_and_what_grants_it()
    {
        await using var rig = await VertexRig.StartAsync(permissions: new Dictionary<string, string[]> { ["registry"] = ["aiplatform.models.get"] });
        using var clients = rig.Clients("registry");
        var vertex = clients.Services.GetRequiredService<VertexAiClient>();

        var denied = await Assert.ThrowsAsync<GoogleApiException>(() => vertex.UploadModelAsync(new UploadModelRequest(Version(1)) { ModelId = Model }, CancellationToken.None));

        Assert.Equal((HttpStatusCode.Forbidden, "PERMISSION_DENIED", "aiplatform.models.upload"), (denied.StatusCode, denied.Status, denied.Permission));
        Assert.Contains("aiplatform.models.upload", denied.Message);
        Assert.Contains("mlops env bootstrap", denied.Message);
    }

    [Fact]
    public async Task A_missing_resource_is_null_where_absence_is_an_answer_and_an_error_naming_it_elsewhere()
    {
        await using var rig = await VertexRig.StartAsync();
        using var clients = rig.Clients("trainer");
        var vertex = clients.Services.GetRequiredService<VertexAiClient>();

        Assert.Null(await vertex.FindModelAsync(vertex.ModelName("nothing-here"), CancellationToken.None));
        Assert.Null(await vertex.FindEndpointAsync(vertex.EndpointName("nothing-here"), CancellationToken.None));
        var missing = $"{vertex.Parent}/customJobs/424242";
        var error = await Assert.ThrowsAsync<GoogleApiException>(() => vertex.GetCustomJobAsync(missing, CancellationToken.None));

        Assert.True(error.IsNotFound);
        Assert.Contains("424242", error.Message);
    }
}
