using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using MlOps.Contracts;
using MlOps.Contracts.Api;
using MlOps.Core.Synthetic;
using MlOps.DriftWatcher;
using MlOps.DriftWatcher.Monitoring;
using MlOps.DriftWatcher.Replay;
using MlOps.Services.Tests.Infrastructure;

namespace MlOps.Services.Tests.DriftWatcher;

public sealed class ArchiveReplayTests
{
    private const string Log = "run.googleapis.com/stdout";
    private static readonly DateTimeOffset Eight = new(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);

    // Windows close by count (1,000 entries an hour make two a hour); a cooldown shorter than a window.
    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["DriftWatcher:WindowSize"] = "500",
        ["DriftWatcher:MinimumSamples"] = "200",
        ["DriftWatcher:WindowSeconds"] = "3600",
        ["DriftWatcher:CooldownSeconds"] = "600",
    };

    /// <summary>An hour of entries spread evenly over it, in the file a Cloud Storage log sink writes: <c>{log}/YYYY/MM/DD/HH:00:00_HH:59:59_S{n}.json</c>.</summary>
    private static string WriteHour(string archive, DateTimeOffset hour, IReadOnlyList<PredictionLogEntry> entries, int shard = 0)
    {
        var name = $"{Log}/{hour:yyyy/MM/dd}/{hour:HH}:00:00_{hour:HH}:59:59_S{shard}.json";
        var path = Path.Combine(archive, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var spacing = TimeSpan.FromHours(1) / entries.Count;
        File.WriteAllLines(path, entries.Select((e, i) => JsonSerializer.Serialize(e with { Timestamp = hour + (spacing * i) })));
        return name;
    }

    private static List<PredictionLogEntry> Entries(int count, int seed, DriftScenario scenario = DriftScenario.None) => [.. LogEntries.Stream(count, seed, scenario)];

    private static async Task<(ModuleHost Host, string Archive)> Start()
    {
        var host = await ModuleHost.StartAsync(b => b.AddDriftWatcher(), Settings);
        Packages.WriteStable(host.ArtifactRoot);
        return (host, Path.Combine(host.ArtifactRoot, "archive"));
    }

    [Fact]
    public async Task Stable_archived_traffic_replays_in_time_order_without_drift()
    {
        var (host, archive) = await Start();
        await using var _ = host;
        WriteHour(archive, Eight.AddHours(2), Entries(1000, 102));
        WriteHour(archive, Eight.AddHours(1), Entries(1000, 101));
        WriteHour(archive, Eight, Entries(1000, 100));

        var report = host.Services.GetRequiredService<ArchiveReplay>().Run(archive, "taxi");

        Assert.Equal((3, 3000L, 0L, 6), (report.Files, report.Entries, report.Malformed, report.Windows.Count));
        Assert.False(report.DriftFound);
        Assert.Empty(report.Alerts);
        Assert.All(report.Windows, w => Assert.True(w.Kind is null && w.DriftedFeatures.Count == 0, $"{w.Start:HH:mm}: {string.Join(", ", w.DriftedFeatures)}"));
        Assert.Equal(Eight, report.Windows[0].Start);
        Assert.Equal([.. report.Windows.OrderBy(w => w.Start)], report.Windows);
        Assert.All(report.Windows, w => Assert.Equal(500, w.Rows));
    }

    [Fact]
    public async Task A_shifted_hour_is_drift_in_its_own_windows_on_the_shifted_feature()
    {
        var (host, archive) = await Start();
        await using var _ = host;
        WriteHour(archive, Eight, Entries(1000, 100));
        WriteHour(archive, Eight.AddHours(1), Entries(1000, 101));
        WriteHour(archive, Eight.AddHours(2), Entries(1000, 300, DriftScenario.PaymentShift));

        var report = host.Services.GetRequiredService<ArchiveReplay>().Run(archive, "taxi");

        Assert.True(report.DriftFound);
        Assert.All(report.Windows.Where(w => w.Start < Eight.AddHours(2)), w => Assert.Null(w.Kind));
        var shifted = report.Windows.Where(w => w.Start >= Eight.AddHours(2)).ToList();
        Assert.Equal(2, shifted.Count);
        Assert.All(shifted, w => Assert.Equal((DriftKinds.Skew, true), (w.Kind, w.DriftedFeatures.Contains("payment_type"))));
        Assert.DoesNotContain("trip_distance", shifted[0].DriftedFeatures);
        var alert = report.Alerts[0];
        Assert.Equal(("taxi", 1, DriftKinds.Skew, shifted[0].Start), (alert.Model, alert.Version, alert.Kind, alert.WindowStart));
        Assert.Contains(alert.Features, f => f.Feature == "payment_type" && f.Drifted && f.Distance > f.Threshold);
    }

    [Fact]
    public async Task Malformed_lines_are_counted_and_set_aside_with_file_and_line_and_the_rest_still_count()
    {
        var (host, archive) = await Start();
        await using var _ = host;
        var name = WriteHour(archive, Eight, Entries(600, 100));
        var path = Path.Combine(archive, name);
        var lines = File.ReadAllLines(path).ToList();
        lines.Insert(10, "this is not json");
        lines.Insert(20, """{"timestamp":"2026-01-05T08:05:00.123456789Z","jsonPayload":{"model":"taxi"}}""");
        lines.Insert(30, "");
        lines.Insert(40, """{"labels":{"mlops.kind":"startup"},"jsonPayload":{"message":"listening"}}""");
        File.WriteAllLines(path, lines);
        File.WriteAllText(Path.Combine(archive, "notes.txt"), "not part of the archive");

        var report = host.Services.GetRequiredService<ArchiveReplay>().Run(archive, "taxi");

        Assert.Equal((1, 603L, 2L, 1L), (report.Files, report.Entries, report.Malformed, report.Skipped));
        Assert.Equal((name, 11L), (report.MalformedSamples[0].File, report.MalformedSamples[0].Line));
        Assert.Contains("not a LogEntry JSON line", report.MalformedSamples[0].Problem, StringComparison.Ordinal);
        Assert.Equal((name, 21L), (report.MalformedSamples[1].File, report.MalformedSamples[1].Line));
        Assert.Contains("needs model, version, packageUri and features", report.MalformedSamples[1].Problem, StringComparison.Ordinal);
        Assert.Equal(600, report.Windows.Sum(w => w.Rows) + report.PendingRows);
    }

    private static Task<WebModuleHost> StartApi() => WebModuleHost.StartAsync(b => b.AddDriftWatcher(), a => a.MapDriftWatcher(), Settings);

    [Theory]
    [InlineData("""{"model":"taxi"}""", "folder", "the path is empty")]
    [InlineData("""{"folder":"/etc","model":"taxi"}""", "folder", "is an absolute path")]
    [InlineData("""{"folder":"../elsewhere","model":"taxi"}""", "folder", "leads outside the artifact store")]
    [InlineData("""{"folder":"archive"}""", "model", "the model name is required")]
    [InlineData("""{"folder":"archive","model":"Taxi Tips"}""", "model", "is not a model name")]
    public async Task A_replay_of_a_folder_outside_the_store_or_of_a_bad_model_is_a_400_naming_the_field(string body, string field, string message)
    {
        await using var host = await StartApi();

        using var response = await host.Http.PostAsync("/api/drift/replay", Requests.Json(body));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"\"{field}\"", text, StringComparison.Ordinal);
        Assert.Contains(message, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_replay_of_a_folder_that_does_not_exist_is_a_404()
    {
        await using var host = await StartApi();

        using var response = await host.Http.PostAsync("/api/drift/replay", Requests.Json("""{"folder":"archive/none","model":"taxi"}"""));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("archive/none", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_replay_that_finds_drift_publishes_the_alert_and_a_retraining_request_only_when_asked_and_leaves_live_state_alone()
    {
        await using var host = await StartApi();
        Packages.WriteStable(host.ArtifactRoot);
        var archive = Path.Combine(host.ArtifactRoot, "archive");
        WriteHour(archive, Eight, Entries(1000, 100));
        WriteHour(archive, Eight.AddHours(1), Entries(1000, 300, DriftScenario.PaymentShift));

        using var quiet = await host.Http.PostAsync("/api/drift/replay", Requests.Json("""{"folder":"archive","model":"taxi"}"""));
        var quietReport = await quiet.Content.ReadFromJsonAsync<ReplayReport>(ApiJson.Options);
        using var loud = await host.Http.PostAsync("/api/drift/replay", Requests.Json("""{"folder":"archive","model":"taxi","raiseAlert":true}"""));
        var report = await loud.Content.ReadFromJsonAsync<ReplayReport>(ApiJson.Options);
        var alert = await Wait.Published<DriftDetected>(host.Harness);
        var request = await Wait.Published<TrainingRequested>(host.Harness);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (quiet.StatusCode, loud.StatusCode));
        Assert.Equal(("archive", true, false), (quietReport!.Folder, quietReport.DriftFound, quietReport.AlertPublished));
        Assert.True(report!.AlertPublished);
        Assert.Equal(report.Alerts[^1].AlertId, alert.AlertId);
        Assert.Equal(("taxi", TrainingReasons.Drift, (Guid?)alert.AlertId), (request.Model, request.Reason, request.DriftAlertId));
        Assert.Single(host.Harness.Published.Select<DriftDetected>());
        var live = host.Services.GetRequiredService<DriftMonitor>();
        Assert.Equal((0L, 0), (live.Entries, live.Monitors.Count));
        Assert.Empty(live.Alerts);
    }
}
