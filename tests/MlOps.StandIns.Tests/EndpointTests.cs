using System.Net;
using System.Text.Json.Nodes;

namespace MlOps.StandIns.Tests;

public sealed class EndpointTests
{
    [Fact]
    public async Task An_endpoint_is_created_by_an_operation_under_the_id_asked_for_and_that_id_is_then_taken()
    {
        await using var standIn = await Harness.StartAsync();
        using var client = new GoogleClient(standIn);
        var body = new JsonObject { ["displayName"] = "churn", ["labels"] = new JsonObject { ["env"] = "dev" } };

        var operation = (await client.PostAsync($"v1/{Harness.Parent}/endpoints?endpointId=churn-prod", body)).Ok;
        var done = await Vertex.DoneAsync(client, operation);
        var endpoint = (await client.GetAsync($"v1/{Vertex.Endpoint("churn-prod")}")).Ok;
        var again = await client.PostAsync($"v1/{Harness.Parent}/endpoints?endpointId=churn-prod", body);
        var badId = await client.PostAsync($"v1/{Harness.Parent}/endpoints?endpointId=Churn_Prod", body);

        Assert.Equal("type.googleapis.com/google.cloud.aiplatform.v1.CreateEndpointOperationMetadata", operation["metadata"]!["@type"]!.GetValue<string>());
        Assert.StartsWith(Vertex.Endpoint("churn-prod") + "/operations/", operation["name"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("type.googleapis.com/google.cloud.aiplatform.v1.Endpoint", done["response"]!["@type"]!.GetValue<string>());
        Assert.Equal(Vertex.Endpoint("churn-prod"), endpoint["name"]!.GetValue<string>());
        Assert.Equal("churn", endpoint["displayName"]!.GetValue<string>());
        Assert.Equal("dev", endpoint["labels"]!["env"]!.GetValue<string>());
        Assert.NotNull(endpoint["etag"]);
        Assert.NotNull(endpoint["createTime"]);
        Assert.Null(endpoint["deployedModels"]);
        Assert.Null(endpoint["trafficSplit"]);
        Assert.Equal(HttpStatusCode.Conflict, again.Status);
        Assert.Equal(["endpointId"], badId.ViolatedFields);
    }

    [Fact]
    public async Task An_update_applies_only_the_masked_fields_and_needs_a_mask()
    {
        await using var standIn = await Harness.StartAsync();
        using var client = new GoogleClient(standIn);
        var name = await Vertex.CreateEndpointAsync(client, "churn");
        var url = $"v1/{name}";

        var updated = (await client.PatchAsync(url + "?updateMask=description", new JsonObject { ["description"] = "serves churn", ["displayName"] = "ignored" })).Ok;
        var noMask = await client.PatchAsync(url, new JsonObject { ["description"] = "x" });
        var unknownSplit = await client.PatchAsync(url + "?updateMask=trafficSplit", new JsonObject { ["trafficSplit"] = new JsonObject { ["77"] = 100 } });
        var staleEtag = await client.PatchAsync(url + "?update_mask=description", new JsonObject { ["description"] = "y", ["etag"] = "stale" });

        Assert.Equal("serves churn", updated["description"]!.GetValue<string>());
        Assert.Equal("churn", updated["displayName"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, noMask.Status);
        Assert.Equal(["updateMask"], noMask.ViolatedFields);
        Assert.Equal(HttpStatusCode.BadRequest, unknownSplit.Status);
        Assert.Equal(["endpoint.trafficSplit[77]"], unknownSplit.ViolatedFields);
        Assert.Equal(HttpStatusCode.Conflict, staleEtag.Status);
        Assert.Equal("ABORTED", staleEtag.Error["status"]!.GetValue<string>());
    }
}
