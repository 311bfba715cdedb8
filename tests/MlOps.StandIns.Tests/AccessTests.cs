using System.Net;
using System.Text.Json.Nodes;

namespace MlOps.StandIns.Tests;

public sealed class AccessTests
{
    private static readonly string Upload = $"v1/{Harness.Parent}/models:upload";

    [Fact]
    public async Task A_request_without_a_token_or_with_one_google_would_not_accept_is_401()
    {
        await using var standIn = await Harness.StartAsync();
        using var anonymous = new GoogleClient(standIn, token: null);
        using var stranger = new GoogleClient(standIn, token: "ya29.expired");

        var missing = await anonymous.PostAsync(Upload, new JsonObject { ["model"] = Vertex.ModelBody() });
        var invalid = await stranger.PostAsync(Upload, new JsonObject { ["model"] = Vertex.ModelBody() });

        Assert.Equal(HttpStatusCode.Unauthorized, missing.Status);
        Assert.Equal("UNAUTHENTICATED", missing.Error["status"]!.GetValue<string>());
        Assert.StartsWith("Request is missing required authentication credential. Expected OAuth 2 access token", missing.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, invalid.Status);
        Assert.StartsWith("Request had invalid authentication credentials. Expected OAuth 2 access token", invalid.Message, StringComparison.Ordinal);
        Assert.Equal("Bearer", Assert.Single(invalid.Headers.WwwAuthenticate).Scheme);
        Assert.Null(standIn.Requests[1].Principal);
    }

    [Fact]
    public async Task A_caller_without_the_permission_is_403_naming_the_permission_and_the_resource()
    {
        await using var standIn = await Harness.StartAsync(o => o with
        {
            Permissions = new Dictionary<string, IReadOnlySet<string>> { [Harness.Principal] = new HashSet<string> { "aiplatform.models.get" } },
        });
        using var client = new GoogleClient(standIn);

        var denied = await client.PostAsync(Upload, new JsonObject { ["model"] = Vertex.ModelBody() });

        Assert.Equal(HttpStatusCode.Forbidden, denied.Status);
        Assert.Equal($"Permission 'aiplatform.models.upload' denied on resource '//aiplatform.googleapis.com/{Harness.Parent}' (or it may not exist).", denied.Message);
        var info = Assert.Single(denied.Error["details"]!.AsArray())!;
        Assert.Equal("type.googleapis.com/google.rpc.ErrorInfo", info["@type"]!.GetValue<string>());
        Assert.Equal("IAM_PERMISSION_DENIED", info["reason"]!.GetValue<string>());
        Assert.Equal("aiplatform.googleapis.com", info["domain"]!.GetValue<string>());
        Assert.Equal("aiplatform.models.upload", info["metadata"]!["permission"]!.GetValue<string>());
        Assert.Equal(Harness.Parent, info["metadata"]!["resource"]!.GetValue<string>());
    }

    [Fact]
    public async Task Another_project_is_403_and_another_location_is_404()
    {
        await using var standIn = await Harness.StartAsync();
        using var client = new GoogleClient(standIn);

        var project = await client.GetAsync("v1/projects/someone-else/locations/europe-west4/models/churn@2");
        var location = await client.GetAsync("v1/projects/acme-mlops-dev/locations/us-central1/endpoints/1");
        var monitoring = await client.GetAsync("v3/projects/someone-else/timeSeries?filter=metric.type%3D%22x%22&interval.endTime=2026-01-01T00:00:00Z");

        Assert.Equal(HttpStatusCode.Forbidden, project.Status);
        Assert.Equal("Permission 'aiplatform.models.get' denied on resource '//aiplatform.googleapis.com/projects/someone-else/locations/europe-west4/models/churn' (or it may not exist).", project.Message);
        Assert.Equal(HttpStatusCode.NotFound, location.Status);
        Assert.Equal("The Location \"projects/acme-mlops-dev/locations/us-central1\" does not exist.", location.Message);
        Assert.Equal(HttpStatusCode.Forbidden, monitoring.Status);
        Assert.Contains("'monitoring.timeSeries.list'", monitoring.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task What_does_not_exist_is_404_naming_it()
    {
        await using var standIn = await Harness.StartAsync();
        using var client = new GoogleClient(standIn);

        var model = await client.GetAsync($"v1/{Vertex.Model("ghost")}@3");
        var endpoint = await client.GetAsync($"v1/{Vertex.Endpoint("123")}");
        var job = await client.GetAsync($"v1/{Harness.Parent}/customJobs/42");
        var operation = await client.GetAsync($"v1/{Vertex.Model("ghost")}/operations/7");
        var locationOperation = await client.GetAsync($"v1/{Harness.Parent}/operations/8");

        Assert.Equal($"The Model \"{Vertex.Model("ghost")}@3\" does not exist.", model.Message);
        Assert.Equal($"The Endpoint \"{Vertex.Endpoint("123")}\" does not exist.", endpoint.Message);
        Assert.Equal($"The CustomJob \"{Harness.Parent}/customJobs/42\" does not exist.", job.Message);
        Assert.Equal($"The Operation \"{Vertex.Model("ghost")}/operations/7\" does not exist.", operation.Message);
        Assert.Equal($"The Operation \"{Harness.Parent}/operations/8\" does not exist.", locationOperation.Message);
        Assert.All([model, endpoint, job, operation, locationOperation], answer => Assert.Equal("NOT_FOUND", answer.Error["status"]!.GetValue<string>()));
    }

    [Fact]
    public async Task An_injected_429_is_answered_with_retry_after_as_often_as_asked_and_then_the_call_is_served()
    {
        await using var standIn = await Harness.StartAsync();
        using var client = new GoogleClient(standIn);
        standIn.Inject(new StandInFault("POST", ":upload", RpcCode.ResourceExhausted) { Times = 2, RetryAfter = TimeSpan.FromSeconds(3) });
        standIn.Inject(new StandInFault("GET", "/endpoints/", RpcCode.PermissionDenied) { Message = "Denied for the test." });
        var body = new JsonObject { ["model"] = Vertex.ModelBody() };

        var answers = new List<GoogleAnswer>();
        for (var i = 0; i < 3; i++)
        {
            answers.Add(await client.PostAsync(Upload, body));
        }

        var denied = await client.GetAsync($"v1/{Vertex.Endpoint("1")}");

        Assert.Equal([HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests, HttpStatusCode.OK], answers.Select(a => a.Status));
        Assert.Equal("RESOURCE_EXHAUSTED", answers[0].Error["status"]!.GetValue<string>());
        Assert.Equal(TimeSpan.FromSeconds(3), answers[0].Headers.RetryAfter?.Delta);
        Assert.Equal(HttpStatusCode.Forbidden, denied.Status);
        Assert.Equal("Denied for the test.", denied.Message);
        Assert.Equal("aiplatform.endpoints.get", denied.Error["details"]![0]!["metadata"]!["permission"]!.GetValue<string>());
        Assert.Equal(3, standIn.FaultsServed);
    }

    [Fact]
    public async Task A_client_that_does_not_trust_the_certificate_cannot_connect()
    {
        await using var standIn = await Harness.StartAsync();
        using var http = new HttpClient();

        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(new Uri(standIn.Url, $"v1/{Vertex.Model("churn")}")));

        Assert.IsType<System.Security.Authentication.AuthenticationException>(refused.InnerException);
    }

    [Fact]
    public void Each_binding_names_the_permission_vertex_ai_checks()
    {
        Assert.Equal("aiplatform.models.upload", VertexAiStandIn.PermissionOf["POST /v1/{parent=projects/*/locations/*}/models:upload"]);
        Assert.Equal("aiplatform.models.get", VertexAiStandIn.PermissionOf["GET /v1/{name=projects/*/locations/*/models/*/operations/*}"]);
        Assert.Equal("aiplatform.endpoints.get", VertexAiStandIn.PermissionOf["GET /v1/{name=projects/*/locations/*/endpoints/*/operations/*}"]);
        Assert.Equal("aiplatform.endpoints.deploy", VertexAiStandIn.PermissionOf["POST /v1/{endpoint=projects/*/locations/*/endpoints/*}:deployModel"]);
        Assert.Equal("monitoring.timeSeries.list", VertexAiStandIn.PermissionOf["GET /v3/{name=projects/*}/timeSeries"]);
        Assert.Equal(20, VertexAiStandIn.PermissionOf.Count);
    }
}
