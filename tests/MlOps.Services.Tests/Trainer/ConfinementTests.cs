using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.Options;
using MlOps.Contracts;
using MlOps.Platform.Artifacts;
using MlOps.Services.Tests.Infrastructure;
using MlOps.Trainer;

namespace MlOps.Services.Tests.Trainer;

/// <summary>Paths and model names from requests and messages stay inside the artifact store: refused with the field named, nothing touched.</summary>
public sealed class ConfinementTests
{
    [Theory]
    [InlineData("/a/artifacts-evil/x")]
    [InlineData("../artifacts-evil/x")]
    [InlineData("/etc/passwd")]
    [InlineData("file:///etc/passwd")]
    [InlineData("datasets/../../outside")]
    public void A_path_outside_the_root_is_named_as_such_even_when_it_shares_the_roots_prefix(string path)
    {
        var store = new ArtifactStore(Options.Create(new ArtifactOptions { Root = "/a/artifacts" }));

        Assert.NotNull(store.Outside(path));
        if (!path.Contains(':', StringComparison.Ordinal) && !Path.IsPathRooted(path))
        {
            Assert.Throws<ArgumentException>(() => store.Resolve(path));
        }
    }

    [Fact]
    public void A_path_inside_the_root_resolves_under_it()
    {
        var store = new ArtifactStore(Options.Create(new ArtifactOptions { Root = "/a/artifacts" }));

        Assert.Null(store.Outside("datasets/taxi/../taxi-tips"));
        Assert.Equal("/a/artifacts/datasets/taxi-tips", store.Resolve("datasets/taxi/../taxi-tips"));
    }

    [Theory]
    [InlineData("../../outside")]
    [InlineData("Taxi_Tips")]
    [InlineData("-taxi")]
    [InlineData("")]
    public async Task The_training_api_refuses_a_bad_model_name_with_a_400_naming_the_field(string model)
    {
        await using var host = await WebModuleHost.StartAsync(b => b.AddTrainer(), a => a.MapTrainer(), new Dictionary<string, string?>());

        using var response = await host.Http.PostAsJsonAsync("/api/training", new { model });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("model", out _), errors.ToString());
        Assert.False(host.Harness.Published.Select<TrainingRequested>().Any());
    }

    [Theory]
    [InlineData("/etc")]
    [InlineData("file:///etc")]
    [InlineData("../..")]
    public async Task The_training_api_refuses_a_dataset_path_outside_the_artifact_store(string datasetPath)
    {
        await using var host = await WebModuleHost.StartAsync(b => b.AddTrainer(), a => a.MapTrainer(), new Dictionary<string, string?>());

        using var response = await host.Http.PostAsJsonAsync("/api/training", new { model = "taxi-tips", datasetPath });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Contains("artifact store", errors.GetProperty("datasetPath")[0].GetString());
    }

    [Fact]
    public async Task A_request_on_the_bus_with_a_bad_name_and_path_fails_naming_both_fields_without_faulting()
    {
        await using var host = await ModuleHost.StartAsync(b => b.AddTrainer());

        await host.Bus.Publish(new TrainingRequested(NewId.NextGuid(), "../../outside", TrainingReasons.Manual, DateTimeOffset.UtcNow, "/etc"));
        var failed = await Wait.Published<TrainingFailed>(host.Harness);

        Assert.Equal(2, failed.ErrorCount);
        Assert.StartsWith("model: ", failed.Errors[0]);
        Assert.StartsWith("datasetPath: ", failed.Errors[1]);
        Assert.False(host.Harness.Published.Select<Fault<TrainingRequested>>().Any());
        Assert.False(Directory.Exists(Path.Combine(host.ArtifactRoot, "..", "outside")));
    }
}
