using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MlOps.Contracts;
using MlOps.Core.Synthetic;
using MlOps.Predictor;
using MlOps.Services.Tests.Infrastructure;

namespace MlOps.Services.Tests.Predictor;

public sealed class BatchJobTests
{
    private static Task<WebModuleHost> Start(string sampling = "1.0") =>
        WebModuleHost.StartAsync(b => b.AddPredictor(), a => a.MapPredictor(), new Dictionary<string, string?> { ["Predictor:LogSampling"] = sampling });

    private static void WriteInput(string root, int rows)
    {
        var path = Path.Combine(root, "batch/in.csv");
        TaxiTripGenerator.WriteCsv(path, new TaxiTripGenerator(21).Generate(rows));
        File.AppendAllLines(path, ["7,11,4,6,44,abc,cash,SoHo,SoHo,0", "7,11,4,6,44,1.0,cash,Mars,SoHo,0"]);
    }

    private static async Task<JsonElement> Status(WebModuleHost host, string location) =>
        await host.Http.GetFromJsonAsync<JsonElement>(location);

    [Fact]
    public async Task A_batch_job_scores_a_csv_with_the_served_version_into_an_output_file_rejects_and_sampled_log_entries()
    {
        await using var host = await Start();
        Assert.Empty(await host.ServeAsync("taxi", (1, Packages.WriteStable(host.ArtifactRoot), 100)));
        WriteInput(host.ArtifactRoot, 300);

        var response = await host.Http.PostAsJsonAsync("/v1/batchPredictionJobs", new { model = "taxi", inputUri = "batch/in.csv", outputUri = "batch/out.csv" });
        var completed = await Wait.Published<BatchPredictionCompleted>(host.Harness);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal((302L, 300L, 2L, (int?)1), (completed.Rows, completed.Scored, completed.Rejected, completed.Version));
        var output = File.ReadAllLines(Path.Combine(host.ArtifactRoot, "batch/out.csv"));
        Assert.Equal(301, output.Length);
        Assert.EndsWith(",probability,label", output[0]);
        var rejects = File.ReadAllText(Path.Combine(host.ArtifactRoot, completed.RejectsUri!));
        Assert.Contains("301,trip_distance,'abc' is not a number", rejects);
        Assert.Contains("302,pickup_zone,", rejects);
        var status = await Status(host, response.Headers.Location!.ToString());
        Assert.Equal("Succeeded", status.GetProperty("state").GetString());
        await Wait.Until(() => host.Harness.Sent.Select<PredictionLogEntry>().Count() == 300, "one log entry per scored row");
    }

    [Fact]
    public async Task A_json_lines_job_can_name_its_package_and_honours_log_sampling()
    {
        await using var host = await Start(sampling: "0");
        var package = Packages.WriteSurge(host.ArtifactRoot);
        Directory.CreateDirectory(Path.Combine(host.ArtifactRoot, "batch"));
        File.WriteAllLines(Path.Combine(host.ArtifactRoot, "batch/in.jsonl"), Enumerable.Repeat(Requests.Valid[14..^2], 20));

        await host.Bus.Publish(new BatchPredictionRequested(Guid.NewGuid(), "taxi", "batch/in.jsonl", "batch/out.jsonl", "jsonl", DateTimeOffset.UtcNow, package, 2));
        var completed = await Wait.Published<BatchPredictionCompleted>(host.Harness);

        Assert.Equal((20L, 0L, (int?)2), (completed.Scored, completed.Rejected, completed.Version));
        var first = JsonDocument.Parse(File.ReadLines(Path.Combine(host.ArtifactRoot, "batch/out.jsonl")).First()).RootElement;
        Assert.Equal("SoHo", first.GetProperty("instance").GetProperty("pickup_zone").GetString());
        Assert.InRange(first.GetProperty("prediction").GetProperty("probability").GetDouble(), 0, 1);
        await Task.Delay(300);
        Assert.Empty(host.Harness.Sent.Select<PredictionLogEntry>());
    }

    [Fact]
    public async Task A_job_that_cannot_run_fails_with_its_reason()
    {
        await using var host = await Start();

        var noModel = await host.Http.PostAsJsonAsync("/v1/batchPredictionJobs", new { model = "taxi", inputUri = "batch/none.csv", outputUri = "batch/out.csv" });
        var failed = await Wait.Published<BatchPredictionFailed>(host.Harness);

        Assert.Contains("no version of 'taxi' is served here", failed.Reason);
        Assert.Equal("Failed", (await Status(host, noModel.Headers.Location!.ToString())).GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_bad_job_request_names_each_field()
    {
        await using var host = await Start();

        var response = await host.Http.PostAsJsonAsync("/v1/batchPredictionJobs", new { model = "", inputUri = "", outputUri = "x", format = "parquet" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("model", out _) && errors.TryGetProperty("inputUri", out _));
        Assert.StartsWith("'parquet' is not one of csv, jsonl", errors.GetProperty("format")[0].GetString());
    }
}
