using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MlOps.Contracts;
using MlOps.GoogleApis.Vertex;
using MlOps.Registry;
using MlOps.Registry.Infrastructure;
using MlOps.Registry.Vertex;
using MlOps.Rehearsal.StandIns;
using MlOps.Services.Tests.Infrastructure;
using MlOps.Services.Tests.Registry;

namespace MlOps.Services.Tests.Vertex;

/// <summary>The Registry's mirror into the Vertex AI Model Registry, against the stand-in.</summary>
public sealed class RegistryMirrorTests
{
    private const string ServingImage = "europe-west1-docker.pkg.dev/acme/mlops/predictor@sha256:0123";

    private static async Task<ModuleHost> StartRegistry(VertexRig rig, string? artifactRoot = null)
    {
        var settings = rig.Settings("registry");
        settings["Registry:Vertex:Mirror"] = "true";
        settings["Registry:Vertex:ServingImage"] = ServingImage;
        settings["Registry:Gate:MinimumAuc"] = "0.7";
        settings["Registry:Gate:MinimumImprovement"] = "0.01";
        settings["Registry:Database:Provider"] = "Sqlite";
        return await ModuleHost.StartAsync(b => b.AddRegistry(), settings, artifactRoot);
    }

    private static T Query<T>(ModuleHost host, Func<RegistryDbContext, T> query)
    {
        using var scope = host.Services.CreateScope();
        return query(scope.ServiceProvider.GetRequiredService<RegistryDbContext>());
    }

    private static async Task<IReadOnlyList<VertexModel>> MirroredVersions(VertexRig rig)
    {
        using var clients = rig.Clients("registry");
        var vertex = clients.Services.GetRequiredService<VertexAiClient>();
        return await vertex.ListVersionsAsync(vertex.ModelName("taxi"), null, CancellationToken.None);
    }

    private static Task Mirrored(ModuleHost host, int versions) =>
        Wait.Until(() => Query(host, db => db.Versions.Count(v => v.VertexModelVersion != null)) == versions && Query(host, db => db.Models.ToList().All(m => m.VertexAliasesThrough == (db.AliasChanges.Where(c => c.ModelId == m.Id).Max(c => (int?)c.Id) ?? 0))),
            $"{versions} versions mirrored with their aliases", TimeSpan.FromSeconds(30));

    [Fact]
    public async Task Every_version_is_uploaded_as_a_version_of_one_model_with_its_evaluation_and_the_champion_alias()
    {
        await using var rig = await VertexRig.StartAsync();
        await using var host = await StartRegistry(rig);

        await host.Bus.Publish(RegistryGateTests.Trained(0.80));
        await host.Bus.Publish(RegistryGateTests.Trained(0.65, (1, 0.80)));
        await host.Bus.Publish(RegistryGateTests.Trained(0.86, (1, 0.80)));
        await Mirrored(host, 3);

        var versions = (await MirroredVersions(rig)).OrderBy(v => v.VersionId).ToList();
        Assert.Equal(["1", "2", "3"], versions.Select(v => v.VersionId));
        Assert.Equal(["1", "2", "3"], versions.Select(v => v.Labels!["mlops-version"]));
        Assert.Contains("champion", versions[2].VersionAliases!);
        Assert.DoesNotContain("champion", versions[0].VersionAliases ?? []);
        Assert.All(versions, v => Assert.Equal(ServingImage, v.ContainerSpec!.ImageUri));
        Assert.All(versions, v => Assert.StartsWith($"gs://{VertexRig.Bucket}/packages/taxi/", v.ArtifactUri));

        var uploads = rig.StandIn.Requests.Where(r => r.Path.EndsWith("/models:upload", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, uploads.Count);
        Assert.Equal("taxi", uploads[0].Body!["modelId"]!.GetValue<string>());
        Assert.All(uploads.Skip(1), u => Assert.EndsWith("/models/taxi", u.Body!["parentModel"]!.GetValue<string>()));
        Assert.Equal(3, rig.StandIn.Requests.Count(r => r.Path.EndsWith("/evaluations:import", StringComparison.Ordinal)));

        var lineage = Query(host, db => db.Versions.OrderBy(v => v.Version).Select(v => new { v.VertexModelVersion, v.VertexEvaluation }).ToList());
        Assert.Equal($"projects/{VertexRig.Project}/locations/{VertexRig.Location}/models/taxi@3", lineage[2].VertexModelVersion);
        Assert.All(lineage, l => Assert.Contains("/evaluations/", l.VertexEvaluation));
    }

    [Fact]
    public async Task A_redelivered_version_and_a_crash_before_recording_upload_nothing_twice()
    {
        await using var rig = await VertexRig.StartAsync();
        await using var host = await StartRegistry(rig);
        var first = RegistryGateTests.Trained(0.80);
        await host.Bus.Publish(first);
        await Mirrored(host, 1);

        await host.Bus.Publish(first);
        await Wait.Until(() => host.Harness.Consumed.Select<ModelTrained>().Count() == 2, "the redelivery");

        // As if the Registry died after Vertex AI finished the upload but before it recorded it.
        using (var scope = host.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            var version = await db.Versions.SingleAsync();
            version.VertexModelVersion = null;
            version.VertexEvaluation = null;
            await db.SaveChangesAsync();
        }

        await Mirrored(host, 1);

        Assert.Single(await MirroredVersions(rig));
        Assert.Single(rig.StandIn.Requests, r => r.Path.EndsWith("/models:upload", StringComparison.Ordinal));
        Assert.Single(rig.StandIn.Requests, r => r.Path.EndsWith("/evaluations:import", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_rolled_back_champion_loses_its_alias_to_the_restored_version()
    {
        await using var rig = await VertexRig.StartAsync();
        await using var host = await StartRegistry(rig);
        await host.Bus.Publish(RegistryGateTests.Trained(0.80));
        await host.Bus.Publish(RegistryGateTests.Trained(0.86, (1, 0.80)));
        await Mirrored(host, 2);

        await host.Bus.Publish(new DeploymentRolledBack(Guid.NewGuid(), "taxi", 2, 1, "canary error rate 30%", DateTimeOffset.UtcNow));
        await Wait.Until(() => Query(host, db => db.Aliases.Single(a => a.Name == "champion").Version) == 1, "the champion restored");
        await Mirrored(host, 2);

        var versions = (await MirroredVersions(rig)).ToDictionary(v => v.VersionId!);
        Assert.Contains("champion", versions["1"].VersionAliases!);
        Assert.DoesNotContain("champion", versions["2"].VersionAliases ?? []);
    }

    [Fact]
    public async Task A_refused_upload_is_retried_and_the_version_is_mirrored_once_Vertex_AI_answers()
    {
        await using var rig = await VertexRig.StartAsync();
        rig.StandIn.Inject(new StandInFault("POST", ":upload", RpcCode.PermissionDenied) { Times = 2, Message = "Permission 'aiplatform.models.upload' denied on resource '//aiplatform.googleapis.com/projects/acme-test/locations/europe-west1' (or it may not exist)." });
        await using var host = await StartRegistry(rig);

        await host.Bus.Publish(RegistryGateTests.Trained(0.80));
        await Mirrored(host, 1);

        Assert.Equal([403, 403, 200], rig.StandIn.Requests.Where(r => r.Path.EndsWith("/models:upload", StringComparison.Ordinal)).Select(r => r.Status));
        Assert.Single(await MirroredVersions(rig));
    }
}
