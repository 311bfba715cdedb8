using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MlOps.Contracts;
using MlOps.Deployer;
using MlOps.Deployer.Infrastructure;
using MlOps.DriftWatcher;
using MlOps.DriftWatcher.Monitoring;
using MlOps.Predictor;
using MlOps.Registry;
using MlOps.Registry.Infrastructure;
using MlOps.Services.Tests.Infrastructure;
using MlOps.Trainer;

namespace MlOps.Services.Tests.Validation;

/// <summary>
/// Model names, versions and aliases are checked by the same rule at every API and consumer: an API answers 400
/// naming the field, a message is refused without a fault and changes nothing.
/// </summary>
public sealed class EntryPointValidationTests
{
    private static readonly string TooLong = new('a', 64);

    private static async Task AssertNamesField(HttpResponseMessage response, string field)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = JsonDocument.Parse(text).RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out var messages) && messages.GetArrayLength() > 0, text);
    }

    private static Task<WebModuleHost> StartRegistry() => WebModuleHost.StartAsync(b => b.AddRegistry(), a => a.MapRegistry());

    [Theory]
    [InlineData("..%2F..%2Fx", "champion", 1, "name")]
    [InlineData("taxi%20tips", "champion", 1, "name")]
    [InlineData("Taxi", "champion", 1, "name")]
    [InlineData("taxi_tips", "champion", 1, "name")]
    [InlineData("taxi", "champion", 0, "version")]
    [InlineData("taxi", "champion", -1, "version")]
    [InlineData("taxi", "serving", 1, "alias")]
    [InlineData("taxi", "canary", 1, "alias")]
    public async Task The_registry_refuses_a_bad_name_version_or_alias_with_a_400_naming_the_field(string name, string alias, int version, string field)
    {
        await using var host = await StartRegistry();

        using var response = await host.Http.PutAsJsonAsync($"/api/models/{name}/aliases/{alias}", new { version });

        await AssertNamesField(response, field);
        Assert.False(host.Harness.Published.Select<ModelPromoted>().Any());
    }

    [Fact]
    public async Task The_registry_refuses_a_name_longer_than_63_characters()
    {
        await using var host = await StartRegistry();

        using var response = await host.Http.PutAsJsonAsync($"/api/models/{TooLong}/aliases/champion", new { version = 1 });

        await AssertNamesField(response, "name");
    }

    [Theory]
    [InlineData("../../outside")]
    [InlineData("Taxi Tips")]
    [InlineData("")]
    public async Task A_model_trained_message_with_a_bad_name_registers_nothing_and_does_not_fault(string model)
    {
        await using var host = await ModuleHost.StartAsync(b => b.AddRegistry());
        var trained = Registry.RegistryGateTests.Trained(0.9) with { Model = model };

        await host.Bus.Publish(trained);
        await Wait.Until(() => host.Harness.Consumed.Select<ModelTrained>().Any(), "the registry to consume the message");
        await host.Harness.InactivityTask;

        using var scope = host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        Assert.Empty(await db.Models.ToListAsync());
        Assert.False(host.Harness.Published.Select<ModelVersionRegistered>().Any());
        Assert.False(host.Harness.Published.Select<Fault<ModelTrained>>().Any());
    }

    [Fact]
    public async Task A_deployment_completed_message_with_a_bad_version_moves_no_alias()
    {
        await using var host = await ModuleHost.StartAsync(b => b.AddRegistry());
        await host.Bus.Publish(Registry.RegistryGateTests.Trained(0.9));
        await Wait.Published<ModelPromoted>(host.Harness);

        await host.Bus.Publish(new DeploymentCompleted(Guid.NewGuid(), "taxi", 0, "packages/taxi/x", "Direct", DateTimeOffset.UtcNow));
        await Wait.Until(() => host.Harness.Consumed.Select<DeploymentCompleted>().Any(), "the registry to consume the message");
        await host.Harness.InactivityTask;

        using var scope = host.Services.CreateScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<RegistryDbContext>().Aliases.AnyAsync(a => a.Name == "serving"));
        Assert.False(host.Harness.Published.Select<Fault<DeploymentCompleted>>().Any());
    }

    [Theory]
    [InlineData("promote", "..%2F..%2Fx")]
    [InlineData("promote", "Taxi")]
    [InlineData("rollback", "taxi%20tips")]
    [InlineData("rollback", "-taxi")]
    public async Task The_deployer_refuses_a_manual_change_to_a_bad_model_name(string change, string model)
    {
        await using var host = await WebModuleHost.StartAsync(b => b.AddDeployer(), a => a.MapDeployer());

        using var response = await host.Http.PostAsync($"/api/deployments/{model}/{change}", null);

        await AssertNamesField(response, "model");
    }

    [Theory]
    [InlineData("../../outside", 1)]
    [InlineData("Taxi", 1)]
    [InlineData("taxi", 0)]
    [InlineData("taxi", -3)]
    public async Task A_model_promoted_message_with_a_bad_name_or_version_queues_no_rollout(string model, int version)
    {
        await using var host = await ModuleHost.StartAsync(b => b.AddDeployer());

        await host.Bus.Publish(new ModelPromoted(model, version, "packages/taxi/x", null, new GateVerdict(true, "first", 0.9, null, null, 0.7, 0.005), DateTimeOffset.UtcNow));
        await Wait.Until(() => host.Harness.Consumed.Select<ModelPromoted>().Any(), "the deployer to consume the message");
        await host.Harness.InactivityTask;

        using var scope = host.Services.CreateScope();
        Assert.Empty(await scope.ServiceProvider.GetRequiredService<DeploymentsDbContext>().Deployments.ToListAsync());
        Assert.False(host.Harness.Published.Select<Fault<ModelPromoted>>().Any());
    }

    [Theory]
    [InlineData("..%2F..%2Fx")]
    [InlineData("Taxi")]
    [InlineData("taxi tips")]
    public async Task The_drift_watcher_refuses_a_snapshot_of_a_bad_model_name(string model)
    {
        await using var host = await WebModuleHost.StartAsync(b => b.AddDriftWatcher(), a => a.MapDriftWatcher());
        Directory.CreateDirectory(Path.Combine(host.ArtifactRoot, "datasets"));
        await File.WriteAllTextAsync(Path.Combine(host.ArtifactRoot, "datasets", "s.csv"), "a\n1\n");

        using var response = await host.Http.PostAsJsonAsync($"/api/drift/{model}/snapshots", new { path = "datasets/s.csv" });

        await AssertNamesField(response, "model");
        Assert.False(host.Harness.Published.Select<DatasetSnapshotAdded>().Any());
    }

    [Theory]
    [InlineData("../../outside")]
    [InlineData("UPPER")]
    public async Task The_drift_watcher_refuses_a_replay_of_a_bad_model_name(string model)
    {
        await using var host = await WebModuleHost.StartAsync(b => b.AddDriftWatcher(), a => a.MapDriftWatcher());

        using var response = await host.Http.PostAsJsonAsync("/api/drift/replay", new { folder = "logs", model });

        await AssertNamesField(response, "model");
    }

    [Fact]
    public async Task Drift_messages_with_a_bad_name_or_path_change_nothing_and_do_not_fault()
    {
        await using var host = await ModuleHost.StartAsync(b => b.AddDriftWatcher());

        await host.Bus.Publish(new DeploymentCompleted(Guid.NewGuid(), "../../outside", 1, "packages/x", "Direct", DateTimeOffset.UtcNow));
        await host.Bus.Publish(new DatasetSnapshotAdded("taxi", "../../../etc/passwd", 1, DateTimeOffset.UtcNow));
        await Wait.Until(() => host.Harness.Consumed.Select<DeploymentCompleted>().Any() && host.Harness.Consumed.Select<DatasetSnapshotAdded>().Any(), "both messages to be consumed");
        await host.Harness.InactivityTask;

        Assert.Null(host.Services.GetRequiredService<DriftMonitor>().ServingVersion("../../outside"));
        Assert.False(host.Harness.Published.Select<Fault<DeploymentCompleted>>().Any());
        Assert.False(host.Harness.Published.Select<Fault<DatasetSnapshotAdded>>().Any());
    }

    [Theory]
    [InlineData("Taxi_Tips:predict")]
    [InlineData("..%2F..%2Fx:predict")]
    [InlineData("taxi%20tips:predict")]
    public async Task The_predictor_answers_a_bad_model_name_in_the_route_with_a_400_naming_the_model(string target)
    {
        await using var host = await WebModuleHost.StartAsync(b => b.AddPredictor(), a => a.MapPredictor());
        Assert.Empty(await host.ServeAsync("taxi", (1, Packages.WriteStable(host.ArtifactRoot), 100)));

        using var response = await host.Http.PostAsync($"/v1/models/{target}", new StringContent("""{"instances":[]}""", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        Assert.Contains(error.GetProperty("details").EnumerateArray(), d => d.GetProperty("field").GetString() == "model");
    }

    [Theory]
    [InlineData("../x", "in.csv", "out.csv", null, "model")]
    [InlineData("Taxi", "in.csv", "out.csv", null, "model")]
    [InlineData("taxi", "/etc/passwd", "out.csv", null, "inputUri")]
    [InlineData("taxi", "in.csv", "../../out.csv", null, "outputUri")]
    [InlineData("taxi", "in.csv", "out.csv", 0, "version")]
    public async Task The_batch_api_refuses_a_bad_model_version_or_path_naming_the_field(string model, string inputUri, string outputUri, int? version, string field)
    {
        await using var host = await WebModuleHost.StartAsync(b => b.AddPredictor(), a => a.MapPredictor());

        using var response = await host.Http.PostAsJsonAsync("/v1/batchPredictionJobs", new { model, inputUri, outputUri, version });

        await AssertNamesField(response, field);
        Assert.False(host.Harness.Published.Select<BatchPredictionRequested>().Any());
    }

    [Fact]
    public async Task A_name_with_a_trailing_newline_is_not_a_model_name()
    {
        await using var host = await WebModuleHost.StartAsync(b => b.AddTrainer(), a => a.MapTrainer());

        using var response = await host.Http.PostAsJsonAsync("/api/training", new { model = "taxi\n" });

        await AssertNamesField(response, "model");
        Assert.Null(ModelNames.Problem("taxi"));
    }

    [Theory]
    [InlineData("../\u0000/x")]
    [InlineData("datasets/\u0000")]
    public async Task A_path_holding_a_nul_is_refused_naming_the_path_not_a_500(string path)
    {
        await using var host = await WebModuleHost.StartAsync(b => b.AddDriftWatcher(), a => a.MapDriftWatcher());

        using var snapshot = await host.Http.PostAsJsonAsync("/api/drift/taxi/snapshots", new { path });
        using var replay = await host.Http.PostAsJsonAsync("/api/drift/replay", new { folder = path, model = "taxi" });

        await AssertNamesField(snapshot, "path");
        await AssertNamesField(replay, "folder");
    }

    [Theory]
    [InlineData("""{"replicaId":"r1","startedAt":"2026-01-01T00:00:00Z","revision":1}""", "versions")]
    [InlineData("""{"replicaId":"r1","startedAt":"2026-01-01T00:00:00Z","revision":1,"versions":[null],"refusals":[]}""", "versions[0]")]
    [InlineData("""{"replicaId":"r1","startedAt":"2026-01-01T00:00:00Z","revision":1,"versions":[{"model":"taxi","version":1,"generation":1,"requests":1,"instances":1,"errors":0}],"refusals":[]}""", "versions[0].latency")]
    [InlineData("""{"replicaId":"r1","startedAt":"2026-01-01T00:00:00Z","revision":1,"versions":[],"refusals":[{"model":"Bad","version":0,"generation":1}]}""", "refusals[0].model")]
    public async Task A_replica_report_missing_its_lists_or_naming_a_bad_model_is_refused_not_a_500(string report, string field)
    {
        await using var host = await WebModuleHost.StartAsync(b => b.AddDeployer(), a => a.MapDeployer());

        using var response = await host.Http.PostAsync("/api/fleet/replicas/r1/reports", new StringContent(report, System.Text.Encoding.UTF8, "application/json"));

        await AssertNamesField(response, field);
    }
}
