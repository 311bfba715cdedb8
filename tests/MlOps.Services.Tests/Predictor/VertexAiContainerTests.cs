using System.Net;
using Microsoft.Extensions.DependencyInjection;
using MlOps.Predictor;
using MlOps.Predictor.Serving;
using MlOps.Services.Tests.Infrastructure;

namespace MlOps.Services.Tests.Predictor;

public sealed class VertexAiContainerTests
{
    [Fact]
    public async Task The_aip_variables_set_the_port_routes_and_model()
    {
        using var temp = new TempDirectory();
        var package = Path.Combine(temp.Path, Packages.WriteStable(temp.Path));
        var port = LoopbackPort.Free();

        await using var host = await WebModuleHost.StartAsync(b => b.AddPredictor(), a => a.MapPredictor(), new Dictionary<string, string?>
        {
            ["AIP_HTTP_PORT"] = port.ToString(),
            ["AIP_PREDICT_ROUTE"] = "/v1/endpoints/123/deployedModels/456:predict",
            ["AIP_HEALTH_ROUTE"] = "/ping",
            ["AIP_STORAGE_URI"] = package,
            ["Predictor:DefaultModel"] = "tips",
        }, temp.Path, useUrls: false);

        Assert.EndsWith($":{port}", host.BaseUrl);
        Assert.Equal(HttpStatusCode.OK, (await host.Http.GetAsync("/ping")).StatusCode);
        var response = await host.Http.PostAsync("/v1/endpoints/123/deployedModels/456:predict", Requests.Json(Requests.Valid));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"model\":\"tips\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_copy_of_a_registered_package_is_served_under_its_registered_uri_with_the_startup_check_as_health_route()
    {
        using var temp = new TempDirectory();
        var registered = Packages.WriteStable(temp.Path);
        var copy = Path.Combine(temp.Path, "vertex-copy");
        CopyFolder(Path.Combine(temp.Path, registered), copy);

        await using var host = await WebModuleHost.StartAsync(b => b.AddPredictor(), a => a.MapPredictor(), new Dictionary<string, string?>
        {
            ["AIP_PREDICT_ROUTE"] = "/predict",
            ["AIP_HEALTH_ROUTE"] = "/started",
            ["AIP_STORAGE_URI"] = copy,
            ["Predictor:DefaultModel"] = "tips",
            ["Predictor:Version"] = "3",
            ["Predictor:SourcePackageUri"] = registered,
        }, temp.Path);

        Assert.Equal(HttpStatusCode.OK, (await host.Http.GetAsync("/started")).StatusCode);
        var response = await host.Http.PostAsync("/predict", Requests.Json(Requests.Valid));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var endpoints = host.Services.GetRequiredService<EndpointRegistry>();
        var served = Assert.Single(endpoints.Find("tips")!.Split).Version;
        Assert.Equal((3, registered), (served.Version, served.PackageUri));
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    [Fact]
    public async Task Health_on_the_aip_route_is_not_ready_without_a_model()
    {
        await using var host = await WebModuleHost.StartAsync(b => b.AddPredictor(), a => a.MapPredictor(), new Dictionary<string, string?> { ["AIP_HEALTH_ROUTE"] = "/ping" });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await host.Http.GetAsync("/ping")).StatusCode);
    }

    [Fact]
    public async Task A_gs_storage_uri_that_names_no_bucket_stops_the_predictor_from_starting()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            WebModuleHost.StartAsync(b => b.AddPredictor(), a => a.MapPredictor(), new Dictionary<string, string?> { ["AIP_STORAGE_URI"] = "gs://Not_A_Bucket/models" }));

        Assert.StartsWith($"{VertexAiContract.StorageUriVariable} cannot be downloaded: 'gs://Not_A_Bucket/models' does not name a bucket", error.Message);
    }

    [Fact]
    public async Task A_start_up_model_that_does_not_load_stops_the_predictor_from_starting()
    {
        using var temp = new TempDirectory();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            WebModuleHost.StartAsync(b => b.AddPredictor(), a => a.MapPredictor(), new Dictionary<string, string?> { ["Predictor:PackageUri"] = "packages/none" }, temp.Path));

        Assert.Contains("was refused", error.Message);
    }
}
