using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MlOps.Contracts.Api;
using MlOps.Core.Data;
using MlOps.Core.Schema;
using Xunit.Abstractions;

namespace MlOps.Reliability.Tests.Fuzzing;

/// <summary>
/// A thousand generated CSV files through dataset validation, and fifty of the invalid ones through the Trainer's API
/// and consumer: each is either valid or refused with its problems named, never an exception.
/// </summary>
public sealed class CsvFuzzTests(ITestOutputHelper output)
{
    private const int Trials = 1000;
    private const int ThroughTrainer = 50;
    private const string Model = "csv-fuzz";

    [Fact]
    public async Task A_thousand_generated_csv_files_each_validate_or_fail_with_their_problems_named()
    {
        var watch = Stopwatch.StartNew();
        var schema = FeatureSchemaFile.Parse(CsvGenerator.Schema, SchemaFormat.Json);
        var files = new CsvGenerator(19).Generate(Trials).ToList();
        var lost = new List<string>();
        var valid = 0;
        var invalid = new List<int>();
        for (var i = 0; i < files.Count; i++)
        {
            var (defects, bytes) = files[i];
            try
            {
                var result = DatasetReader.Load(new MemoryStream(bytes), $"fuzz-{i}.csv", schema);
                if (result.Dataset is not null)
                {
                    valid++;
                }
                else if (result.Report.TotalIssues > 0 && result.Report.Issues.All(issue => issue.Message.Length > 0))
                {
                    invalid.Add(i);
                }
                else
                {
                    lost.Add($"#{i} ({defects}): no dataset and no problem named");
                }
            }
            catch (Exception e)
            {
                lost.Add($"#{i} ({defects}): {e.GetType().Name}: {e.Message}");
            }
        }

        var trainer = await ThroughTheTrainerAsync(files, [.. invalid.Take(ThroughTrainer)]);
        lost.AddRange(trainer);
        output.WriteLine($"{Trials} files in {watch.Elapsed.TotalSeconds:F1} s: {valid} valid, {invalid.Count} refused; {ThroughTrainer} through the Trainer");
        lost.ForEach(output.WriteLine);

        await ReliabilityLedger.RecordAsync(new ReliabilityRow(
            "Input",
            "CSV files: UTF-8 with and without BOM, UTF-16, Latin-1, invalid UTF-8, unbalanced and escaped quotes, embedded newlines, ragged rows, 1 MB fields, empty, header only, duplicate headers, NaN/Infinity/1e400, no label column, NUL bytes",
            Trials,
            lost.Count,
            null,
            lost.Count == 0
                ? $"{valid} valid, {invalid.Count} refused with their problems named; {ThroughTrainer} of those through POST /api/training each ended in TrainingFailed with its errors"
                : $"{lost.Count} without a clear error"));

        Assert.True(lost.Count == 0, string.Join("\n", lost.Take(20)));
    }

    // Each file in its own dataset folder with the schema beside it, as a retraining's dataset would be.
    private static async Task<List<string>> ThroughTheTrainerAsync(List<(string Defects, byte[] Bytes)> files, int[] sample)
    {
        await using var host = await FuzzHost.StartAsync();
        var requests = new Dictionary<Guid, int>();
        foreach (var i in sample)
        {
            var folder = Path.Combine(host.ArtifactRoot, "datasets", "fuzz", $"{i}");
            Directory.CreateDirectory(folder);
            await File.WriteAllBytesAsync(Path.Combine(folder, "data.csv"), files[i].Bytes);
            await File.WriteAllTextAsync(Path.Combine(folder, "schema.json"), CsvGenerator.Schema);
            using var response = await host.Http.PostAsJsonAsync("/api/training", new TrainingRequest(Model, DatasetPath: $"datasets/fuzz/{i}"));
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            requests[(await response.Content.ReadFromJsonAsync<TrainingAccepted>())!.RequestId] = i;
        }

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        List<FailureView> failures = [];
        while (DateTime.UtcNow < deadline)
        {
            failures = await host.Http.GetFromJsonAsync<List<FailureView>>($"/api/models/{Model}/failures", new JsonSerializerOptions(JsonSerializerDefaults.Web)) ?? [];
            if (failures.Count >= requests.Count)
            {
                break;
            }

            await Task.Delay(200);
        }

        var lost = requests.Where(r => !failures.Any(f => f.RequestId == r.Key)).Select(r => $"#{r.Value} ({files[r.Value].Defects}): no TrainingFailed within 60 s").ToList();
        lost.AddRange(failures.Where(f => f.ErrorCount == 0 || f.Errors.Count == 0 || f.Errors.Any(e => e.Length == 0))
            .Select(f => $"#{requests.GetValueOrDefault(f.RequestId)}: TrainingFailed without its errors"));
        using var health = await host.Http.GetAsync("/health");
        if (health.StatusCode != HttpStatusCode.OK)
        {
            lost.Add($"/health answered {(int)health.StatusCode} after the training requests");
        }

        return lost;
    }
}
