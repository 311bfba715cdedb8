using System.Net;
using System.Text.Json.Nodes;

namespace MlOps.StandIns.Tests;

public sealed class ModelTests
{
    [Fact]
    public async Task An_upload_is_an_operation_without_done_until_the_delay_has_passed_and_then_names_the_model_and_version()
    {
        await using var standIn = await Harness.StartAsync(o => o with { OperationDelay = TimeSpan.FromMilliseconds(400) });
        using var client = new GoogleClient(standIn);

        var operation = (await client.PostAsync($"v1/{Harness.Parent}/models:upload", new JsonObject { ["modelId"] = "churn", ["model"] = Vertex.ModelBody() })).Ok;
        var polled = (await client.GetAsync("v1/" + operation["name"]!.GetValue<string>())).Ok;
        var done = await Vertex.DoneAsync(client, operation);

        Assert.StartsWith(Vertex.Model("churn") + "/operations/", operation["name"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("type.googleapis.com/google.cloud.aiplatform.v1.UploadModelOperationMetadata", operation["metadata"]!["@type"]!.GetValue<string>());
        Assert.NotNull(operation["metadata"]!["genericMetadata"]!["createTime"]);
        // Google's JSON printer leaves out a false bool: a pending operation has no "done" at all.
        Assert.Null(operation["done"]);
        Assert.Null(polled["done"]);
        Assert.Equal("type.googleapis.com/google.cloud.aiplatform.v1.UploadModelResponse", done["response"]!["@type"]!.GetValue<string>());
        Assert.Equal(Vertex.Model("churn"), done["response"]!["model"]!.GetValue<string>());
        Assert.Equal("1", done["response"]!["modelVersionId"]!.GetValue<string>());
    }

    [Fact]
    public async Task Get_model_answers_the_default_version_and_any_version_by_id_or_alias()
    {
        await using var standIn = await Harness.StartAsync();
        using var client = new GoogleClient(standIn);
        await Vertex.UploadAsync(client, new JsonObject { ["modelId"] = "churn", ["model"] = Vertex.ModelBody() });
        // Proto field names are as good as JSON names to Google's parser.
        await Vertex.UploadAsync(client, new JsonObject { ["parent_model"] = Vertex.Model("churn"), ["model"] = Vertex.ModelBody("churn v2", aliases: "challenger") });

        var latestDefault = (await client.GetAsync($"v1/{Vertex.Model("churn")}")).Ok;
        var second = (await client.GetAsync($"v1/{Vertex.Model("churn")}@2")).Ok;
        var challenger = (await client.GetAsync($"v1/{Vertex.Model("churn")}@challenger")).Ok;

        Assert.Equal("1", latestDefault["versionId"]!.GetValue<string>());
        Assert.Equal(["default"], latestDefault["versionAliases"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.Equal(Vertex.Model("churn"), latestDefault["name"]!.GetValue<string>());
        Assert.Equal("churn", latestDefault["displayName"]!.GetValue<string>());
        Assert.Equal("growth", latestDefault["labels"]!["team"]!.GetValue<string>());
        Assert.Equal("gs://acme-models/churn/1/", latestDefault["artifactUri"]!.GetValue<string>());
        Assert.Equal(Vertex.ImageUri, latestDefault["containerSpec"]!["imageUri"]!.GetValue<string>());
        Assert.All(["createTime", "updateTime", "versionCreateTime", "versionUpdateTime", "etag"], field => Assert.NotNull(latestDefault[field]));
        Assert.Equal("2", second["versionId"]!.GetValue<string>());
        Assert.Equal("churn v2", second["displayName"]!.GetValue<string>());
        Assert.Equal("2", challenger["versionId"]!.GetValue<string>());
    }

    [Fact]
    public async Task Uploading_a_model_id_that_exists_is_409_and_a_version_of_a_model_that_does_not_is_404()
    {
        await using var standIn = await Harness.StartAsync();
        using var client = new GoogleClient(standIn);
        await Vertex.UploadAsync(client, new JsonObject { ["modelId"] = "churn", ["model"] = Vertex.ModelBody() });

        var again = await client.PostAsync($"v1/{Harness.Parent}/models:upload", new JsonObject { ["modelId"] = "churn", ["model"] = Vertex.ModelBody() });
        var orphan = await client.PostAsync($"v1/{Harness.Parent}/models:upload", new JsonObject { ["parentModel"] = Vertex.Model("ghost"), ["model"] = Vertex.ModelBody() });
        var numbered = await Vertex.UploadAsync(client, new JsonObject { ["model"] = Vertex.ModelBody() });

        Assert.Equal(HttpStatusCode.Conflict, again.Status);
        Assert.Equal("ALREADY_EXISTS", again.Error["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, orphan.Status);
        Assert.Equal($"The Model \"{Vertex.Model("ghost")}\" does not exist.", orphan.Message);
        Assert.Matches($"^{Harness.Parent}/models/[0-9]{{19}}$", numbered["model"]!.GetValue<string>());
    }

    [Fact]
    public async Task List_versions_filters_on_labels_and_pages()
    {
        await using var standIn = await Harness.StartAsync();
        using var client = new GoogleClient(standIn);
        await Vertex.UploadAsync(client, new JsonObject { ["modelId"] = "churn", ["model"] = Vertex.ModelBody(labels: new JsonObject { ["stage"] = "candidate" }) });
        foreach (var stage in new[] { "champion", "candidate" })
        {
            await Vertex.UploadAsync(client, new JsonObject { ["parentModel"] = Vertex.Model("churn"), ["model"] = Vertex.ModelBody(labels: new JsonObject { ["stage"] = stage }) });
        }

        var candidates = (await client.GetAsync($"v1/{Vertex.Model("churn")}:listVersions?filter=labels.stage%3D%22candidate%22")).Ok;
        var first = (await client.GetAsync($"v1/{Vertex.Model("churn")}:listVersions?pageSize=2")).Ok;
        var rest = (await client.GetAsync($"v1/{Vertex.Model("churn")}:listVersions?pageSize=2&pageToken={Uri.EscapeDataString(first["nextPageToken"]!.GetValue<string>())}")).Ok;
        var unsupported = await client.GetAsync($"v1/{Vertex.Model("churn")}:listVersions?filter=labels.stage%3E%22a%22");

        Assert.Equal(["1", "3"], candidates["models"]!.AsArray().Select(m => m!["versionId"]!.GetValue<string>()));
        Assert.Equal($"{Vertex.Model("churn")}@1", candidates["models"]![0]!["name"]!.GetValue<string>());
        Assert.Null(candidates["nextPageToken"]);
        Assert.Equal(2, first["models"]!.AsArray().Count);
        Assert.Equal(["3"], rest["models"]!.AsArray().Select(m => m!["versionId"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.BadRequest, unsupported.Status);
        Assert.Equal(["filter"], unsupported.ViolatedFields);
    }

    [Fact]
    public async Task Merging_aliases_moves_an_alias_between_versions_and_never_removes_default()
    {
        await using var standIn = await Harness.StartAsync();
        using var client = new GoogleClient(standIn);
        await Vertex.UploadAsync(client, new JsonObject { ["modelId"] = "churn", ["model"] = Vertex.ModelBody(aliases: "champion") });
        await Vertex.UploadAsync(client, new JsonObject { ["parentModel"] = Vertex.Model("churn"), ["model"] = Vertex.ModelBody() });

        var merged = (await client.PostAsync($"v1/{Vertex.Model("churn")}@2:mergeVersionAliases", new JsonObject { ["versionAliases"] = new JsonArray("champion", "default") })).Ok;
        var first = (await client.GetAsync($"v1/{Vertex.Model("churn")}@1")).Ok;
        var removeDefault = await client.PostAsync($"v1/{Vertex.Model("churn")}@2:mergeVersionAliases", new JsonObject { ["versionAliases"] = new JsonArray("-default") });
        var badAlias = await client.PostAsync($"v1/{Vertex.Model("churn")}@2:mergeVersionAliases", new JsonObject { ["versionAliases"] = new JsonArray("Champion") });
        var none = await client.PostAsync($"v1/{Vertex.Model("churn")}@2:mergeVersionAliases", new JsonObject());

        Assert.Equal(["champion", "default"], merged["versionAliases"]!.AsArray().Select(a => a!.GetValue<string>()).Order());
        Assert.Null(first["versionAliases"]);
        Assert.Equal(HttpStatusCode.BadRequest, removeDefault.Status);
        Assert.Equal(["versionAliases"], removeDefault.ViolatedFields);
        Assert.Equal(["versionAliases[0]"], badAlias.ViolatedFields);
        Assert.Equal(["versionAliases"], none.ViolatedFields);
        Assert.Contains("Required field is not set.", none.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluations_are_imported_into_the_version_their_parent_names_and_listed_by_it()
    {
        await using var standIn = await Harness.StartAsync();
        using var client = new GoogleClient(standIn);
        await Vertex.UploadAsync(client, new JsonObject { ["modelId"] = "churn", ["model"] = Vertex.ModelBody() });
        await Vertex.UploadAsync(client, new JsonObject { ["parentModel"] = Vertex.Model("churn"), ["model"] = Vertex.ModelBody() });
        var evaluation = new JsonObject
        {
            ["displayName"] = "holdout",
            ["metricsSchemaUri"] = "gs://google-cloud-aiplatform/schema/modelevaluation/classification_metrics_1.0.0.yaml",
            ["metrics"] = new JsonObject { ["auRoc"] = 0.91, ["logLoss"] = 0.31 },
        };

        var imported = (await client.PostAsync($"v1/{Vertex.Model("churn")}@2/evaluations:import", new JsonObject { ["modelEvaluation"] = evaluation })).Ok;
        var ofSecond = (await client.GetAsync($"v1/{Vertex.Model("churn")}@2/evaluations")).Ok;
        var ofDefault = (await client.GetAsync($"v1/{Vertex.Model("churn")}/evaluations")).Ok;

        Assert.Matches($"^{Vertex.Model("churn")}/evaluations/[0-9]+$", imported["name"]!.GetValue<string>());
        Assert.NotNull(imported["createTime"]);
        Assert.Equal(0.91, imported["metrics"]!["auRoc"]!.GetValue<double>());
        Assert.Equal([imported["name"]!.GetValue<string>()], ofSecond["modelEvaluations"]!.AsArray().Select(e => e!["name"]!.GetValue<string>()));
        Assert.Null(ofDefault["modelEvaluations"]);
    }
}
