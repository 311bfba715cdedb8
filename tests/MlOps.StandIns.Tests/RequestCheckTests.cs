using System.Net;
using System.Text.Json.Nodes;

namespace MlOps.StandIns.Tests;

/// <summary>Requests Google would refuse are refused here, in Google's words, every problem listed at once.</summary>
public sealed class RequestCheckTests
{
    [Fact]
    public async Task Unknown_names_wrong_json_types_and_unknown_enum_values_are_one_400_listing_each()
    {
        await using var standIn = await Harness.StartAsync();
        using var client = new GoogleClient(standIn);
        var model = Vertex.ModelBody();
        model["containerSpec"]!["foo"] = 1;
        model["displayName"] = 5;
        var job = new JsonObject
        {
            ["displayName"] = "train",
            ["jobSpec"] = new JsonObject
            {
                ["workerPoolSpecs"] = new JsonArray(new JsonObject
                {
                    ["machineSpec"] = new JsonObject { ["machineType"] = "n1-standard-4", ["acceleratorType"] = "NVIDIA_TESLA_Z9" },
                    ["replicaCount"] = "one",
                    ["containerSpec"] = new JsonObject { ["imageUri"] = Vertex.ImageUri },
                }),
            },
        };

        var upload = await client.PostAsync($"v1/{Harness.Parent}/models:upload", new JsonObject { ["model"] = model, ["bar"] = true });
        var create = await client.PostAsync($"v1/{Harness.Parent}/customJobs", job);

        Assert.Equal(HttpStatusCode.BadRequest, upload.Status);
        Assert.Equal("INVALID_ARGUMENT", upload.Error["status"]!.GetValue<string>());
        Assert.Contains("Invalid JSON payload received. Unknown name \"foo\" at 'model.containerSpec': Cannot find field.", upload.Message, StringComparison.Ordinal);
        Assert.Contains("Invalid JSON payload received. Unknown name \"bar\": Cannot find field.", upload.Message, StringComparison.Ordinal);
        Assert.Contains("Invalid value at 'model.displayName' (TYPE_STRING), 5", upload.Message, StringComparison.Ordinal);
        Assert.Equal(["bar", "model.containerSpec.foo", "model.displayName"], upload.ViolatedFields.Order());
        Assert.Equal(
            ["customJob.jobSpec.workerPoolSpecs[0].machineSpec.acceleratorType", "customJob.jobSpec.workerPoolSpecs[0].replicaCount"],
            create.ViolatedFields.Order());
        Assert.Contains("(type.googleapis.com/google.cloud.aiplatform.v1.AcceleratorType), \"NVIDIA_TESLA_Z9\"", create.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unset_required_fields_are_400_in_vertex_wording_with_a_field_violation_each()
    {
        await using var standIn = await Harness.StartAsync();
        using var client = new GoogleClient(standIn);
        var model = Vertex.ModelBody();
        model.Remove("displayName");
        model["containerSpec"]!.AsObject().Remove("imageUri");
        model["containerSpec"]!["env"] = new JsonArray(new JsonObject { ["value"] = "x" });

        var upload = await client.PostAsync($"v1/{Harness.Parent}/models:upload", new JsonObject { ["model"] = model });
        var noModel = await client.PostAsync($"v1/{Harness.Parent}/models:upload", new JsonObject());

        Assert.Equal(HttpStatusCode.BadRequest, upload.Status);
        Assert.StartsWith("List of found errors:\t1.Field: model.displayName; Message: Required field is not set.\t", upload.Message, StringComparison.Ordinal);
        Assert.Equal(["model.containerSpec.env[0].name", "model.containerSpec.imageUri", "model.displayName"], upload.ViolatedFields.Order());
        Assert.Equal(["model"], noModel.ViolatedFields);
    }

    [Fact]
    public async Task Query_parameters_are_only_those_of_the_request_message_that_neither_path_nor_body_binds()
    {
        await using var standIn = await Harness.StartAsync();
        using var client = new GoogleClient(standIn);
        await Vertex.UploadAsync(client, new JsonObject { ["modelId"] = "churn", ["model"] = Vertex.ModelBody() });

        var unknown = await client.GetAsync($"v1/{Vertex.Model("churn")}?view=FULL");
        var boundByBody = await client.PostAsync($"v1/{Harness.Parent}/models:upload?modelId=churn", new JsonObject { ["model"] = Vertex.ModelBody() });
        var wrongType = await client.GetAsync($"v1/{Vertex.Model("churn")}:listVersions?pageSize=many");
        var snakeCase = await client.GetAsync($"v1/{Vertex.Model("churn")}:listVersions?page_size=1");

        Assert.Equal(HttpStatusCode.BadRequest, unknown.Status);
        Assert.Equal("Invalid JSON payload received. Unknown name \"view\": Cannot bind query parameter. Field 'view' could not be found in request message.", unknown.Message);
        Assert.Equal(HttpStatusCode.BadRequest, boundByBody.Status);
        Assert.Equal("Invalid value at 'pageSize' (TYPE_INT32), \"many\"", wrongType.Message);
        Assert.Equal(HttpStatusCode.OK, snakeCase.Status);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_400_and_a_url_no_binding_takes_is_404()
    {
        await using var standIn = await Harness.StartAsync();
        using var client = new GoogleClient(standIn);

        var text = await client.SendAsync(HttpMethod.Post, $"v1/{Harness.Parent}/models:upload", "model=churn", "application/x-www-form-urlencoded");
        var broken = await client.SendAsync(HttpMethod.Post, $"v1/{Harness.Parent}/models:upload", "{\"model\":");
        var wrongMethod = await client.GetAsync($"v1/{Harness.Parent}/models:upload");
        var unknownVerb = await client.PostAsync($"v1/{Vertex.Model("churn")}:explode", new JsonObject());
        var v1beta1 = await client.GetAsync($"v1beta1/{Vertex.Model("churn")}");

        Assert.Equal(HttpStatusCode.BadRequest, text.Status);
        Assert.Equal(HttpStatusCode.BadRequest, broken.Status);
        Assert.StartsWith("Invalid JSON payload received.", broken.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, wrongMethod.Status);
        Assert.Contains("bound to POST, not GET", wrongMethod.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknownVerb.Status);
        Assert.Equal(HttpStatusCode.NotFound, v1beta1.Status);
        Assert.All(standIn.Requests.Where(r => r.Status == 404), r => Assert.Null(r.Binding));
    }

    [Fact]
    public async Task Every_request_is_recorded_with_its_binding_principal_body_and_status()
    {
        await using var standIn = await Harness.StartAsync();
        using var client = new GoogleClient(standIn);
        var body = new JsonObject { ["modelId"] = "churn", ["model"] = Vertex.ModelBody() };

        await client.PostAsync($"v1/{Harness.Parent}/models:upload?alt=json", body);

        var recorded = Assert.Single(standIn.Requests);
        Assert.Equal("POST", recorded.Method);
        Assert.Equal($"/v1/{Harness.Parent}/models:upload", recorded.Path);
        Assert.Equal("alt=json", recorded.Query);
        Assert.Equal("Bearer " + Harness.Token, recorded.Authorization);
        Assert.Equal(Harness.Principal, recorded.Principal);
        Assert.Equal("POST /v1/{parent=projects/*/locations/*}/models:upload", recorded.Binding);
        Assert.True(JsonNode.DeepEquals(body, recorded.Body));
        Assert.Equal(200, recorded.Status);
    }
}
