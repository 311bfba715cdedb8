using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MlOps.Contracts;
using MlOps.Contracts.Api;
using MlOps.DriftWatcher.Monitoring;

namespace MlOps.DriftWatcher.Replay;

/// <summary>
/// Batch monitoring: replays a log archive (<see cref="LogArchive"/>) through windows exactly as live monitoring
/// counts and judges them, in a fresh <see cref="DriftMonitor"/> whose clock follows the entries' timestamps — the
/// live monitor's windows, cooldowns and alerts are not touched. Each line is parsed as a PredictionLogEntry; a line
/// that is not one, or that the monitor sets aside, is counted with its file and line number, never fatal. At the
/// end of the archive, open windows with the minimum samples close as time passing would close them.
/// </summary>
public sealed class ArchiveReplay(PackageCache packages, IOptions<DriftWatcherOptions> options)
{
    private const int KeptSamples = 20;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Replays every .json file under <paramref name="folder"/> (a local path). Only entries of <paramref name="model"/> count when
    /// it is given; <paramref name="packageUri"/>, when given, is the baseline every entry is compared with instead of the
    /// package that served it. <paramref name="progress"/> hears the bytes read so far.
    /// </summary>
    public ReplayReport Run(string folder, string? model = null, string? packageUri = null, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        var files = LogArchive.Files(folder);
        var settings = options.Value;
        var clock = new ReplayClock(files.Select(f => f.Hour).FirstOrDefault(h => h is not null) ?? DateTimeOffset.UnixEpoch);
        var monitor = new DriftMonitor(options, packages, clock, NullLogger<DriftMonitor>.Instance);
        var windows = new List<ReplayWindow>();
        monitor.WindowClosed += window => windows.Add(Describe(window, settings.MinimumSamples));
        var alerts = new List<DriftDetected>();
        var samples = new List<ReplayMalformedLine>();
        long entries = 0, skipped = 0, malformed = 0, read = 0;

        void SetAside(ArchiveFile file, long line, string problem)
        {
            malformed++;
            if (samples.Count < KeptSamples)
            {
                samples.Add(new ReplayMalformedLine(file.Name, line, problem));
            }
        }

        foreach (var file in files)
        {
            using var stream = File.OpenRead(file.Path);
            using var reader = new StreamReader(stream);
            long line = 0;
            while (reader.ReadLine() is { } text)
            {
                line++;
                if (string.IsNullOrWhiteSpace(text))
                {
                    continue;
                }

                cancellationToken.ThrowIfCancellationRequested();
                entries++;
                if (Parse(text, out var problem) is not { } entry)
                {
                    SetAside(file, line, problem!);
                }
                else if (!Counts(entry, model))
                {
                    skipped++;
                }
                else
                {
                    if (packageUri is not null && entry.JsonPayload is { } payload)
                    {
                        entry = entry with { JsonPayload = payload with { PackageUri = packageUri } };
                    }

                    clock.MoveTo(entry.Timestamp);
                    var before = monitor.MalformedCount;
                    if (monitor.Observe(entry) is { } alert)
                    {
                        alerts.Add(alert);
                    }

                    if (monitor.MalformedCount > before)
                    {
                        SetAside(file, line, monitor.MalformedSamples[^1].Problem);
                    }
                }

                progress?.Report(read + stream.Position);
            }

            read += file.Bytes;
        }

        alerts.AddRange(monitor.CloseWindows(clock.GetUtcNow()));
        return new ReplayReport(
            folder,
            model,
            files.Count,
            entries,
            skipped,
            malformed,
            samples,
            windows,
            monitor.Monitors.Sum(m => m.Count),
            windows.Any(w => w.Kind is not null),
            alerts);
    }

    private static PredictionLogEntry? Parse(string line, out string? problem)
    {
        try
        {
            var entry = JsonSerializer.Deserialize<PredictionLogEntry>(line, Json);
            problem = entry is null ? "not a LogEntry JSON object" : null;
            return entry;
        }
        catch (JsonException e)
        {
            problem = $"not a LogEntry JSON line: {e.Message}";
            return null;
        }
    }

    // Another model's entries, or entries a sink routed that are not predictions, are passed over rather than set aside.
    private static bool Counts(PredictionLogEntry entry, string? model) =>
        (entry.Labels is null || !entry.Labels.TryGetValue(PredictionLogEntry.KindLabel, out var kind) || kind == PredictionLogEntry.PredictionKind)
        && (model is null || entry.JsonPayload?.Model is not { } other || other == model);

    // The verdict the live monitor gives a window, leaving out its cooldown: skew first, then drift, on enough rows.
    private static ReplayWindow Describe(DriftWindow window, int minimumSamples)
    {
        var kind = window.Samples < minimumSamples ? null : window.AnySkew ? DriftKinds.Skew : window.AnyDrift ? DriftKinds.Drift : null;
        var drifted = window.Features.Where(f => f.Skew > f.Threshold || f.Drift > f.DriftThreshold).Select(f => f.Feature).ToList();
        return new ReplayWindow(window.Model, window.Version, window.Start, window.End, window.Samples, kind, drifted, window.Features);
    }
}
