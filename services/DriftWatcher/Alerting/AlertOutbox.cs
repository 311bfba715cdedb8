using System.Text.Json;
using MlOps.Contracts.Api;
using MlOps.Platform.Artifacts;

namespace MlOps.DriftWatcher.Alerting;

/// <summary>
/// Alerts and their deliveries, durable as files under the artifact root (a mounted GCS bucket in the cloud):
/// <c>alerts/{id}/alert.json</c>, a state file per channel <c>alerts/{id}/{channel}.json</c>, and
/// <c>alerts/dead-letter/{id}-{channel}.json</c>. Each file is written whole under a temporary name, then moved into place.
/// Recording writes the pending deliveries first and <c>alert.json</c> last: an alert exists once that file does, so a
/// crash in between leaves what a redelivery of the source message completes, and recording it again changes
/// nothing. Everything is read once, at first use, and kept; one writer at a time (the DriftWatcher runs one instance).
/// </summary>
internal sealed partial class AlertOutbox(ArtifactStore store, TimeProvider time, ILogger<AlertOutbox> logger)
{
    public const string Folder = "alerts";
    public const string DeadLetterFolder = "dead-letter";
    private const string AlertFile = "alert.json";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, Alert> _alerts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, AlertDelivery>> _deliveries = new(StringComparer.Ordinal);
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _loaded;

    /// <summary>Completes once an alert is recorded after this was read.</summary>
    public Task Changed => Volatile.Read(ref _changed).Task;

    private string Root => store.Resolve(Folder);

    /// <summary>Records the alert with a pending delivery per channel; false when it was recorded before.</summary>
    public async Task<bool> RecordAsync(Alert alert, IReadOnlyList<string> channels, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            Load();
            var folder = Path.Combine(Root, alert.Id);
            if (_alerts.ContainsKey(alert.Id) || File.Exists(Path.Combine(folder, AlertFile)))
            {
                return false;
            }

            Directory.CreateDirectory(folder);
            var now = time.GetUtcNow();
            var deliveries = channels.ToDictionary(c => c, c => AlertDelivery.Pending(alert.Id, c, now), StringComparer.Ordinal);
            foreach (var delivery in deliveries.Values)
            {
                Write(DeliveryPath(delivery), delivery);
            }

            Write(Path.Combine(folder, AlertFile), alert);
            _alerts[alert.Id] = alert;
            _deliveries[alert.Id] = deliveries;
        }
        finally
        {
            _gate.Release();
        }

        Interlocked.Exchange(ref _changed, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        return true;
    }

    public async Task<IReadOnlyList<PendingDelivery>> PendingAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            Load();
            return [.. _deliveries.Values.SelectMany(d => d.Values).Where(d => d.State == DeliveryState.Pending).Select(d => new PendingDelivery(_alerts[d.AlertId], d))];
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task SaveAsync(AlertDelivery delivery)
    {
        await _gate.WaitAsync();
        try
        {
            Write(DeliveryPath(delivery), delivery);
            _deliveries[delivery.AlertId][delivery.Channel] = delivery;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Writes the dead letter, then the delivery's state: a crash in between repeats the last attempt and writes the same letter again.</summary>
    public async Task DeadLetterAsync(AlertDelivery delivery, DeadLetter letter)
    {
        await _gate.WaitAsync();
        try
        {
            Directory.CreateDirectory(Path.Combine(Root, DeadLetterFolder));
            Write(DeadLetterPath(letter.AlertId, letter.Channel), letter);
            Write(DeliveryPath(delivery), delivery);
            _deliveries[delivery.AlertId][delivery.Channel] = delivery;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The newest alerts first, each with its deliveries.</summary>
    public async Task<IReadOnlyList<AlertStatus>> RecentAsync(int limit, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            Load();
            return [.. _alerts.Values.OrderByDescending(a => a.RaisedAt).ThenBy(a => a.Id, StringComparer.Ordinal).Take(limit)
                .Select(a => new AlertStatus(a, [.. _deliveries[a.Id].Values.OrderBy(d => d.Channel, StringComparer.Ordinal)]))];
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Every dead letter on disk, newest first: read each time, so one a person removed is gone.</summary>
    public IReadOnlyList<DeadLetter> DeadLetters()
    {
        var folder = Path.Combine(Root, DeadLetterFolder);
        return Directory.Exists(folder)
            ? [.. Directory.EnumerateFiles(folder, "*.json").Select(Read<DeadLetter>).OfType<DeadLetter>().OrderByDescending(d => d.DeadLetteredAt)]
            : [];
    }

    private string DeadLetterPath(string alertId, string channel) => Path.Combine(Root, DeadLetterFolder, $"{alertId}-{channel}.json");

    private string DeliveryPath(AlertDelivery delivery) => Path.Combine(Root, delivery.AlertId, $"{delivery.Channel}.json");

    private void Load()
    {
        if (_loaded)
        {
            return;
        }

        if (Directory.Exists(Root))
        {
            foreach (var folder in Directory.EnumerateDirectories(Root).Where(f => Path.GetFileName(f) != DeadLetterFolder))
            {
                // No alert.json: recording stopped half-way, and the source message's redelivery records it whole.
                if (Read<Alert>(Path.Combine(folder, AlertFile)) is not { } alert)
                {
                    continue;
                }

                _alerts[alert.Id] = alert;
                _deliveries[alert.Id] = Directory.EnumerateFiles(folder, "*.json")
                    .Where(f => Path.GetFileName(f) != AlertFile)
                    .Select(Read<AlertDelivery>).OfType<AlertDelivery>()
                    .ToDictionary(d => d.Channel, StringComparer.Ordinal);
            }
        }

        _loaded = true;
        LogLoaded(logger, _alerts.Count, _deliveries.Values.Sum(d => d.Values.Count(x => x.State == DeliveryState.Pending)), Root);
    }

    private T? Read<T>(string path)
        where T : class
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<T>(File.ReadAllBytes(path), ApiJson.Options);
        }
        catch (JsonException e)
        {
            LogUnreadable(logger, path, e.Message);
            return null;
        }
    }

    private static void Write<T>(string path, T value)
    {
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        File.WriteAllBytes(temporary, JsonSerializer.SerializeToUtf8Bytes(value, ApiJson.Options));
        File.Move(temporary, path, overwrite: true);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Alert outbox read: {Alerts} alerts, {Pending} deliveries pending, in {Folder}")]
    private static partial void LogLoaded(ILogger logger, int alerts, int pending, string folder);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert outbox file {Path} is unreadable and left aside: {Problem}")]
    private static partial void LogUnreadable(ILogger logger, string path, string problem);
}
