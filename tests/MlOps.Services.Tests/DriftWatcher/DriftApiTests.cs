using System.Net;
using MlOps.Contracts;
using MlOps.Core.Synthetic;
using MlOps.DriftWatcher;
using MlOps.Services.Tests.Infrastructure;

namespace MlOps.Services.Tests.DriftWatcher;

public sealed class DriftApiTests
{
    private static Task<WebModuleHost> Start() => WebModuleHost.StartAsync(b => b.AddDriftWatcher(), a => a.MapDriftWatcher());

    [Fact]
    public async Task A_labelled_snapshot_announced_over_HTTP_is_published_for_the_performance_check()
    {
        await using var host = await Start();
        TaxiTripGenerator.WriteCsv(Path.Combine(host.ArtifactRoot, "datasets/taxi/taxi-2026-02-01.csv"), new TaxiTripGenerator(4).Generate(100));

        using var response = await host.Http.PostAsync("/api/drift/taxi/snapshots", Requests.Json("""{"path":"datasets/taxi/taxi-2026-02-01.csv","rows":100}"""));
        var added = await Wait.Published<DatasetSnapshotAdded>(host.Harness);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(("taxi", "datasets/taxi/taxi-2026-02-01.csv", 100L), (added.Model, added.Path, added.Rows));
    }

    [Theory]
    [InlineData("""{"path":"datasets/taxi/missing.csv"}""", "no file")]
    [InlineData("""{"path":"/etc/passwd"}""", "relative to the artifact root")]
    [InlineData("""{"path":"../outside.csv"}""", "leads outside the artifact store")]
    [InlineData("""{"path":""}""", "relative to the artifact root")]
    public async Task A_snapshot_outside_the_artifact_folder_or_missing_is_a_400_naming_the_path(string body, string message)
    {
        await using var host = await Start();

        using var response = await host.Http.PostAsync("/api/drift/taxi/snapshots", Requests.Json(body));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"path\"", text, StringComparison.Ordinal);
        Assert.Contains(message, text, StringComparison.Ordinal);
        Assert.False(host.Harness.Published.Select<DatasetSnapshotAdded>().Any());
    }
}
