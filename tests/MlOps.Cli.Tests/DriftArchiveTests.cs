using System.Text.Json;
using MlOps.Contracts;
using MlOps.Core.Synthetic;
using MlOps.Testing;

namespace MlOps.Cli.Tests;

public sealed class DriftArchiveTests : IDisposable
{
    private static readonly DateTimeOffset Eight = new(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "mlops-cli-tests", Guid.NewGuid().ToString("N"));

    public DriftArchiveTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => CliRun.DeleteWorkingDirectory(_dir);

    private Task<CliRun> Mlops(params string[] args) => CliRun.Invoke(_dir, args);

    /// <summary>Trips as prediction log entries, 100 ms apart from the top of the hour, in the file a Cloud Storage log sink writes for that hour.</summary>
    private void WriteHour(DateTimeOffset hour, int rows, int seed, DriftScenario scenario = DriftScenario.None)
    {
        var path = Path.Combine(_dir, "archive", "run.googleapis.com", "stdout", hour.ToString("yyyy/MM/dd"), $"{hour:HH}:00:00_{hour:HH}:59:59_S0.json");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllLines(path, new TaxiTripGenerator(seed, scenario).Generate(rows).Select((t, i) => JsonSerializer.Serialize(new PredictionLogEntry
        {
            Timestamp = hour + TimeSpan.FromMilliseconds(100 * i),
            Labels = new() { [PredictionLogEntry.KindLabel] = PredictionLogEntry.PredictionKind },
            JsonPayload = new PredictionPayload
            {
                Model = "taxi-tips",
                Version = 1,
                PackageUri = "packages/taxi-tips/v1",
                Features =
                [
                    TripFeatures.Of(t),
                ],
                Predictions = [0.3f],
            },
        })));
    }

    [Fact]
    public async Task Drift_replays_a_log_archive_against_the_packages_baseline_window_by_window()
    {
        var train = await Mlops("data", "generate", "--out", "train.csv", "--rows", "4000", "--seed", "3", "--schema", "schema.json");
        var model = await Mlops("train", "train.csv", "--schema", "schema.json", "--out", "model.zip", "--param", "trees=20");
        Assert.True(train.ExitCode == 0 && model.ExitCode == 0, $"{train}\n{model}");
        WriteHour(Eight, 1500, seed: 11);
        WriteHour(Eight.AddHours(1), 1500, seed: 12, DriftScenario.PaymentShift);

        var replay = await Mlops("drift", "model.zip", "--archive", "archive", "--json", "--fail-on-drift");
        var neither = await Mlops("drift", "model.zip");
        var both = await Mlops("drift", "model.zip", "train.csv", "--archive", "archive");

        Assert.True(replay.ExitCode == 3, replay.ToString());
        var report = replay.Json();
        Assert.Equal(("archive", 2, 3000), (report.GetProperty("folder").GetString(), report.GetProperty("files").GetInt32(), report.GetProperty("entries").GetInt32()));
        Assert.True(report.GetProperty("driftFound").GetBoolean());
        var windows = report.GetProperty("windows").EnumerateArray().ToList();
        Assert.Equal(6, windows.Count);
        Assert.All(windows.Take(3), w => Assert.Equal(JsonValueKind.Null, w.GetProperty("kind").ValueKind));
        Assert.All(windows.Skip(3), w =>
        {
            Assert.Equal("skew", w.GetProperty("kind").GetString());
            Assert.Contains("payment_type", w.GetProperty("driftedFeatures").EnumerateArray().Select(f => f.GetString()));
            Assert.True(w.GetProperty("start").GetDateTimeOffset() >= Eight.AddHours(1));
        });
        Assert.Equal((1, 1), (neither.ExitCode, both.ExitCode));
        Assert.StartsWith("error: give the data to compare: a CSV file, or --archive <folder>", neither.Error, StringComparison.Ordinal);
        Assert.StartsWith("error: give a CSV file or --archive <folder>, not both", both.Error, StringComparison.Ordinal);
    }
}
