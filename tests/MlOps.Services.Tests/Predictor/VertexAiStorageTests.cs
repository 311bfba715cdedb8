using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MlOps.Predictor;
using MlOps.Predictor.Vertex;
using MlOps.Services.Tests.Infrastructure;

namespace MlOps.Services.Tests.Predictor;

/// <summary>
/// A gs:// <c>AIP_STORAGE_URI</c>, as Vertex AI sets it: the Predictor downloads the objects under it
/// with Google.Cloud.Storage.V1 — here from a local JSON API stand-in — and serves the package.
/// </summary>
public sealed class VertexAiStorageTests
{
    private const string PredictRoute = "/v1/endpoints/123/deployedModels/456:predict";

    [Fact]
    public async Task A_gcs_storage_uri_is_downloaded_and_its_package_answers_on_the_predict_route()
    {
        using var temp = new TempDirectory();
        await using var storage = await FakeCloudStorage.StartAsync();
        storage.AddFolder("models/v1/", Path.Combine(temp.Path, Packages.WriteStable(temp.Path)));
        storage.Add("models/v1/", []);
        storage.Add("models/v1/extra/notes.txt", "kept at its relative path"u8.ToArray());
        storage.Add("models/v10/decoy.txt", "another folder that shares the prefix's first characters"u8.ToArray());

        await using var host = await StartAsync(storage, "gs://bucket/models/v1");
        await WaitForHealthAsync(host, storage);
        var response = await host.Http.PostAsync(PredictRoute, Requests.Json(Requests.Valid));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"model\":\"tips\"", await response.Content.ReadAsStringAsync());
        Assert.Empty(storage.Problems);
        Assert.True(storage.Listings.Count > 1, $"the listing took {storage.Listings.Count} page(s): nextPageToken was not followed");
        Assert.All(storage.Listings, query => Assert.Equal("models/v1/", query.GetValueOrDefault("prefix")));
        Assert.DoesNotContain("models/v10/decoy.txt", storage.Downloads);
        Assert.Contains("models/v1/extra/notes.txt", storage.Downloads);
        var loader = host.Services.GetRequiredService<CloudStorageModelLoader>();
        Assert.Equal("kept at its relative path", await File.ReadAllTextAsync(Path.Combine(loader.Folder!, "extra", "notes.txt")));
    }

    [Fact]
    public async Task The_health_route_is_unavailable_until_the_downloaded_model_is_served()
    {
        using var temp = new TempDirectory();
        await using var storage = await FakeCloudStorage.StartAsync();
        storage.AddFolder("models/v1/", Path.Combine(temp.Path, Packages.WriteStable(temp.Path)));
        storage.DownloadGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        await using var host = await StartAsync(storage, "gs://bucket/models/v1");
        await Wait.Until(() => !storage.Downloads.IsEmpty, "the first download to begin");
        var whileDownloading = await host.Http.GetAsync("/ping");
        storage.DownloadGate.SetResult();
        await WaitForHealthAsync(host, storage);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, whileDownloading.StatusCode);
        Assert.Empty(storage.Problems);
    }

    [Fact]
    public async Task A_prefix_with_no_objects_stops_the_predictor_with_an_error_naming_aip_storage_uri()
    {
        using var temp = new TempDirectory();
        await using var storage = await FakeCloudStorage.StartAsync();
        storage.AddFolder("models/v1/", Path.Combine(temp.Path, Packages.WriteStable(temp.Path)));

        await using var host = await StartAsync(storage, "gs://bucket/models/missing");
        var problem = await StoppedWithAsync(host);

        Assert.Equal("AIP_STORAGE_URI gs://bucket/models/missing/: there are no objects under 'models/missing/' in bucket 'bucket'", problem);
        Assert.Empty(storage.Problems);
    }

    [Fact]
    public async Task A_bucket_that_does_not_exist_stops_the_predictor_with_the_status_cloud_storage_gave()
    {
        await using var storage = await FakeCloudStorage.StartAsync();

        await using var host = await StartAsync(storage, "gs://elsewhere/models/v1");
        var problem = await StoppedWithAsync(host);

        Assert.StartsWith("AIP_STORAGE_URI gs://elsewhere/models/v1/: listing the objects under 'models/v1/' in bucket 'elsewhere' failed: 404", problem);
        Assert.Contains("The specified bucket does not exist.", problem);
    }

    [Fact]
    public async Task An_object_name_that_climbs_out_of_the_folder_is_refused_before_anything_is_written()
    {
        using var temp = new TempDirectory();
        await using var storage = await FakeCloudStorage.StartAsync();
        storage.AddFolder("models/v1/", Path.Combine(temp.Path, Packages.WriteStable(temp.Path)));
        storage.Add("models/v1/../../escaped.txt", "outside"u8.ToArray());

        await using var host = await StartAsync(storage, "gs://bucket/models/v1");
        var problem = await StoppedWithAsync(host);

        Assert.Equal("AIP_STORAGE_URI gs://bucket/models/v1/: refused object 'models/v1/../../escaped.txt': it has a '.' or '..' segment", problem);
        Assert.Empty(storage.Downloads);
        var folder = host.Services.GetRequiredService<CloudStorageModelLoader>().Folder!;
        Assert.False(File.Exists(Path.GetFullPath(Path.Combine(folder, "../../escaped.txt"))));
        Assert.True(!Directory.Exists(folder) || !Directory.EnumerateFileSystemEntries(folder).Any(), $"files were written into {folder}");
    }

    private static Task<WebModuleHost> StartAsync(FakeCloudStorage storage, string storageUri) =>
        WebModuleHost.StartAsync(
            b =>
            {
                b.Services.AddSingleton(CloudStorageEndpoint.At(storage.Root));
                b.AddPredictor();
            },
            a => a.MapPredictor(),
            new Dictionary<string, string?>
            {
                ["AIP_HTTP_PORT"] = LoopbackPort.Free().ToString(),
                ["AIP_PREDICT_ROUTE"] = PredictRoute,
                ["AIP_HEALTH_ROUTE"] = "/ping",
                ["AIP_STORAGE_URI"] = storageUri,
                ["Predictor:DefaultModel"] = "tips",
            },
            useUrls: false);

    private static async Task WaitForHealthAsync(WebModuleHost host, FakeCloudStorage storage)
    {
        var loader = host.Services.GetRequiredService<CloudStorageModelLoader>();
        try
        {
            await Wait.Until(async () => loader.Problem is not null || (await host.Http.GetAsync("/ping")).StatusCode == HttpStatusCode.OK, "the health route to answer 200 once the downloaded model is served");
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}; the stand-in saw {string.Join(", ", storage.Downloads)} downloaded and {string.Join("; ", storage.Problems)} refused", e);
        }

        Assert.True(loader.Problem is null, $"{loader.Problem}; requests: {string.Join(" | ", storage.Requests)}");
    }

    /// <summary>Waits for the loader to fail and the Predictor to stop; returns the loader's problem.</summary>
    private static async Task<string> StoppedWithAsync(WebModuleHost host)
    {
        var loader = host.Services.GetRequiredService<CloudStorageModelLoader>();
        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
        await Wait.Until(() => loader.Problem is not null && lifetime.ApplicationStopping.IsCancellationRequested, "the download to fail and the Predictor to stop");
        Assert.False(loader.Serving);
        return loader.Problem!;
    }
}
