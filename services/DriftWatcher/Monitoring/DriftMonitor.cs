using System.Collections.Concurrent;
using System.Text.Json;
using MassTransit.Serialization;
using Microsoft.Extensions.Options;
using MlOps.Contracts;
using MlOps.Contracts.Api;
using MlOps.Core.Data;
using MlOps.Core.Evaluation;
using MlOps.Core.Packaging;
using MlOps.Platform.Collections;

namespace MlOps.DriftWatcher.Monitoring;

/// <summary>
/// Watches every served version: counts log entries into windows, closes them, and decides when a
/// window means drift — at least the minimum samples, a feature past its threshold, and the model
/// out of its cooldown. Malformed entries are counted and set aside, never fatal.
/// </summary>
public sealed class DriftMonitor(IOptions<DriftWatcherOptions> options, PackageCache packages, TimeProvider time, ILogger<DriftMonitor> logger)
{
    private const int KeptSamples = 20;
    private const int KeptAlerts = 50;
    private readonly DriftWatcherOptions _options = options.Value;
    private readonly ConcurrentDictionary<(string Model, int Version), VersionMonitor> _monitors = new();
    private readonly ConcurrentDictionary<string, DateTimeOffset> _lastAlert = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (int Version, string PackageUri)> _serving = new(StringComparer.Ordinal);
    private readonly Recent<DriftDetected> _alerts = new(KeptAlerts);
    private readonly Recent<MalformedEntry> _malformed = new(KeptSamples);
    private VersionMonitor? _last;
    private long _entries;
    private long _malformedCount;

    /// <summary>Raised for every alert, after it is recorded.</summary>
    public event Action<DriftDetected>? AlertRaised;

    /// <summary>Raised for every window as it closes, before it is judged.</summary>
    public event Action<DriftWindow>? WindowClosed;

    public long Entries => Interlocked.Read(ref _entries);

    public long MalformedCount => Interlocked.Read(ref _malformedCount);

    public IReadOnlyList<MalformedEntry> MalformedSamples => _malformed.Snapshot();

    public IReadOnlyList<DriftDetected> Alerts => _alerts.Snapshot();

    public IReadOnlyCollection<VersionMonitor> Monitors => [.. _monitors.Values];

    /// <summary>Counts one log entry; returns the alert its window raised, if any.</summary>
    public DriftDetected? Observe(PredictionLogEntry entry) =>
        Observe(JsonSerializer.SerializeToUtf8Bytes(entry, SystemTextJsonMessageSerializer.Options), out _);

    /// <summary>
    /// Counts one log entry given as its JSON, what a log sink publishes, reading the fields it needs straight
    /// from the bytes; returns the alert its window raised, if any. An entry that is not a LogEntry at all is
    /// counted as unreadable and <paramref name="unreadable"/> says why, so a caller holding the message can set
    /// it aside; one that is a LogEntry but not a fitting prediction is counted as malformed and kept as a sample.
    /// </summary>
    public DriftDetected? Observe(ReadOnlySpan<byte> json, out string? unreadable)
    {
        Interlocked.Increment(ref _entries);
        if (!LogEntryHead.TryRead(json, out var head, out unreadable))
        {
            Unreadable(unreadable!);
            return null;
        }

        if (head is not { Model: { } model, Version: { } version, PackageUri: { } uri, Features: { } features }
            || LogEntryHead.Raw(json, model).IsEmpty || LogEntryHead.Raw(json, uri).IsEmpty)
        {
            return SetAside(json, head, "not a prediction log entry: jsonPayload needs model, version, packageUri and features");
        }

        if (Find(json, model, version, uri, out var failure) is not { } monitor)
        {
            return SetAside(json, head, failure!);
        }

        lock (monitor)
        {
            var now = time.GetUtcNow();
            var at = head.Timestamp == default ? now : head.Timestamp;
            if (monitor.TryAdd(json[features], at, head.Predictions) is { } wrong)
            {
                return SetAside(json, head, wrong);
            }

            var full = monitor.Count >= _options.WindowSize;
            var stale = monitor.Count >= _options.MinimumSamples && now - monitor.WindowStart > TimeSpan.FromSeconds(_options.WindowSeconds);
            return full || stale ? Close(monitor, at) : null;
        }
    }

    /// <summary>The monitor of a version, recognised from the entry's raw bytes when it was the last one seen.</summary>
    private VersionMonitor? Find(ReadOnlySpan<byte> json, Range model, int version, Range uri, out string? problem)
    {
        problem = null;
        if (_last is { } last && last.Version == version && LogEntryHead.Raw(json, model).SequenceEqual(last.ModelUtf8))
        {
            return last;
        }

        var name = LogEntryHead.Text(json, model);
        if (!_monitors.TryGetValue((name, version), out var monitor))
        {
            var packageUri = LogEntryHead.Text(json, uri);
            try
            {
                monitor = _monitors.GetOrAdd((name, version), static (key, state) => state.Self.Create(key.Model, key.Version, state.Uri), (Self: this, Uri: packageUri));
            }
            catch (PackageException e)
            {
                problem = $"the package of {name} v{version} cannot be loaded: {e.Message}";
                return null;
            }

            // The first version seen of a model is taken as served until a deployment says otherwise.
            _serving.TryAdd(name, (version, packageUri));
        }

        _last = monitor;
        return monitor;
    }

    /// <summary>
    /// Closes and judges every open window that has the minimum samples, as time passing would once no entry comes;
    /// a replay calls it at the end of its archive. Returns the alerts they raised.
    /// </summary>
    public IReadOnlyList<DriftDetected> CloseWindows(DateTimeOffset at)
    {
        var alerts = new List<DriftDetected>();
        foreach (var monitor in _monitors.Values.OrderBy(m => (m.Model, m.Version)))
        {
            lock (monitor)
            {
                if (monitor.Count >= _options.MinimumSamples && Close(monitor, at) is { } alert)
                {
                    alerts.Add(alert);
                }
            }
        }

        return alerts;
    }

    /// <summary>Scores the serving version on a new labelled snapshot; a clear AUC drop is performance drift.</summary>
    public DriftDetected? CheckPerformance(string model, string snapshotPath)
    {
        if (!_serving.TryGetValue(model, out var serving))
        {
            logger.LogInformation("No served version of {Model} is known yet; snapshot {Path} is not checked", model, snapshotPath);
            return null;
        }

        var package = packages.Get(serving.PackageUri);
        var loaded = DatasetReader.Load(DatasetSource.FromPath(snapshotPath), package.Schema);
        if (loaded.Dataset is null)
        {
            logger.LogWarning("Snapshot {Path} does not fit {Model} v{Version}: {Problem}", snapshotPath, model, serving.Version, loaded.Report.Summary());
            return null;
        }

        var live = PackageEvaluator.Evaluate(package, loaded.Dataset);
        var drop = package.Metrics.Auc - live.Auc;
        logger.LogInformation("{Model} v{Version} scores AUC {Auc:F4} on {Path} (holdout {Holdout:F4})", model, serving.Version, live.Auc, snapshotPath, package.Metrics.Auc);
        if (drop <= _options.PerformanceDrop || InCooldown(model))
        {
            return null;
        }

        var now = time.GetUtcNow();
        return Raise(new DriftDetected(Guid.NewGuid(), model, serving.Version, DriftKinds.Performance,
            [new FeatureScore("auc", "auc-drop", drop, _options.PerformanceDrop, true)], now, now, loaded.Dataset.RowCount, now));
    }

    /// <summary>A watched version's baseline and current distributions, read under the lock its counting takes.</summary>
    public DriftHistograms Histograms(VersionMonitor monitor)
    {
        lock (monitor)
        {
            return new DriftHistograms(monitor.Model, monitor.Version, monitor.Histograms());
        }
    }

    /// <summary>A version took all traffic: it is what is served and what performance is measured on.</summary>
    public void Serving(string model, int version, string packageUri) => _serving[model] = (version, packageUri);

    public (int Version, string PackageUri)? ServingVersion(string model) => _serving.TryGetValue(model, out var serving) ? serving : null;

    private VersionMonitor Create(string model, int version, string packageUri)
    {
        var package = packages.Get(packageUri);
        logger.LogInformation("Monitoring {Model} v{Version} against its training baseline of {Rows} rows", model, version, package.Baseline.Rows);
        return new VersionMonitor(model, version, packageUri, package.Schema, package.Baseline, _options.ToThresholds(), _options.Thresholds.DriftFactor);
    }

    private DriftDetected? Close(VersionMonitor monitor, DateTimeOffset at)
    {
        var window = monitor.Close(at);
        WindowClosed?.Invoke(window);
        return Judge(window);
    }

    private DriftDetected? Judge(DriftWindow window)
    {
        var kind = window.AnySkew ? DriftKinds.Skew : window.AnyDrift ? DriftKinds.Drift : null;
        if (kind is null || window.Samples < _options.MinimumSamples || InCooldown(window.Model))
        {
            return null;
        }

        var scores = window.Features
            .Select(f => kind == DriftKinds.Skew
                ? new FeatureScore(f.Feature, f.Metric, f.Skew, f.Threshold, f.Skew > f.Threshold)
                : new FeatureScore(f.Feature, f.Metric, f.Drift ?? 0, f.DriftThreshold, f.Drift > f.DriftThreshold))
            .ToList();
        return Raise(new DriftDetected(Guid.NewGuid(), window.Model, window.Version, kind, scores, window.Start, window.End, window.Samples, time.GetUtcNow()));
    }

    private bool InCooldown(string model) =>
        _lastAlert.TryGetValue(model, out var last) && time.GetUtcNow() - last < TimeSpan.FromSeconds(_options.CooldownSeconds);

    private DriftDetected Raise(DriftDetected alert)
    {
        _lastAlert[alert.Model] = alert.DetectedAt;
        _alerts.Add(alert);

        logger.LogWarning("{Kind} on {Model} v{Version}: {Features}", alert.Kind, alert.Model, alert.Version,
            string.Join(", ", alert.Features.Where(f => f.Drifted).Select(f => $"{f.Feature} {f.Distance:F3}>{f.Threshold:F3}")));
        AlertRaised?.Invoke(alert);
        return alert;
    }

    private DriftDetected? SetAside(ReadOnlySpan<byte> json, LogEntryHead head, string problem)
    {
        Interlocked.Increment(ref _malformedCount);
        var model = head.Model is { } range ? LogEntryHead.Text(json, range) : null;
        _malformed.Add(new MalformedEntry(problem, model, head.Version, time.GetUtcNow()));

        logger.LogWarning("Set aside a malformed prediction log entry: {Problem}", problem);
        return null;
    }

    /// <summary>Counts a message that could not even be read as a log entry.</summary>
    public void Unreadable(string problem)
    {
        Interlocked.Increment(ref _malformedCount);
        _malformed.Add(new MalformedEntry(problem, null, null, time.GetUtcNow()));
    }
}
