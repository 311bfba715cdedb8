using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MlOps.Contracts;
using MlOps.Contracts.Api;
using MlOps.DriftWatcher;
using MlOps.DriftWatcher.Alerting;
using MlOps.Platform.Messaging;
using MlOps.Services.Tests.Infrastructure;

namespace MlOps.Services.Tests.DriftWatcher;

/// <summary>
/// Alerts from drift, rollbacks, failed trainings, gate rejections and poisoned messages reach a real webhook receiver (signed, once
/// each), the alert topic and the log; deliveries survive receiver outages and restarts, or end as dead letters.
/// </summary>
public sealed class AlertingTests
{
    private const string Secret = "whsec-7d41c09be2a35f86";
    private const string Channel = "webhook-ops";
    private static readonly DateTimeOffset At = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Each_kind_of_alert_is_one_signed_webhook_delivery_and_a_redelivered_message_makes_no_second()
    {
        await using var receiver = await WebhookReceiver.StartAsync(Secret);
        var settings = Settings(receiver.Url);
        settings["DriftWatcher:Alerts:Webhooks:oncall:Url"] = receiver.Url;
        settings["DriftWatcher:Alerts:Webhooks:oncall:Secret"] = Secret;
        settings["DriftWatcher:Alerts:Webhooks:oncall:Kinds"] = "rollback";
        await using var host = await ModuleHost.StartAsync(b => b.AddDriftWatcher(), settings);
        var (drift, rollback, failure, rejection, faulted) = (Drift(), Rollback(), Failure(), Rejection(), Faulted());

        for (var i = 0; i < 2; i++)
        {
            await host.Bus.Publish(drift);
            await host.Bus.Publish(rollback);
            await host.Bus.Publish(failure);
            await host.Bus.Publish(rejection);
            await host.Bus.Publish(faulted);
        }

        await Wait.Until(() => host.Harness.Consumed.Select<DriftDetected>().Count() == 2 && host.Harness.Consumed.Select<DeploymentRolledBack>().Count() == 2
            && host.Harness.Consumed.Select<TrainingFailed>().Count() == 2 && host.Harness.Consumed.Select<ModelRejected>().Count() == 2
            && host.Harness.Consumed.Select<MessageFaulted>().Count() == 2, "each source message to be consumed twice");
        await Wait.Until(async () => (await host.Services.GetRequiredService<AlertOutbox>().PendingAsync(default)).Count == 0, "every delivery to be made");

        var ops = receiver.Requests.Where(r => r.DeliveryId.EndsWith("-" + Channel, StringComparison.Ordinal)).ToList();
        Assert.Equal(AlertKinds.All.Order(), ops.Select(r => r.Kind).Order());
        Assert.Equal(["rollback"], receiver.Requests.Where(r => r.DeliveryId.EndsWith("-webhook-oncall", StringComparison.Ordinal)).Select(r => r.Kind));
        Assert.Equal(6, receiver.Requests.Count);
        Assert.All(receiver.Requests, r => Assert.True(r.SignatureValid, $"the signature of {r.DeliveryId} does not verify"));
        Assert.Equal(AlertSources.IdFor(AlertKinds.GateRejected, "taxi/v4"), ops.Single(r => r.Kind == AlertKinds.GateRejected).AlertId);
        Assert.Equal(AlertSources.IdFor(AlertKinds.Drift, drift.AlertId.ToString("N")), ops.Single(r => r.Kind == AlertKinds.Drift).AlertId);
        var rolledBack = ops.Single(r => r.Kind == AlertKinds.Rollback).Alert;
        Assert.Equal(("taxi", 3, rollback.DeploymentId), (rolledBack.GetProperty("model").GetString(), rolledBack.GetProperty("version").GetInt32(), rolledBack.GetProperty("source").GetProperty("deploymentId").GetGuid()));
        Assert.Contains("canary error rate", rolledBack.GetProperty("summary").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_receiver_down_for_a_while_gets_the_alert_once_after_retries_that_back_off_and_honour_Retry_After()
    {
        await using var receiver = await WebhookReceiver.StartAsync(Secret);
        receiver.Answer = n => n switch
        {
            1 => (503, TimeSpan.FromSeconds(1)),
            2 => (503, null),
            _ => (200, null),
        };
        await using var host = await ModuleHost.StartAsync(b => b.AddDriftWatcher(), Settings(receiver.Url));
        var counts = new ConcurrentDictionary<string, long>();
        using var listener = ListenToDeliveries(host.Services, counts);

        await host.Bus.Publish(Rollback());
        await Wait.Until(() => receiver.Accepted.Count == 1, "the delivery to get through");

        var attempts = receiver.Requests;
        Assert.Equal([503, 503, 200], attempts.Select(a => a.Status));
        Assert.Single(attempts.Select(a => a.DeliveryId).Distinct());
        Assert.True(attempts[1].At - attempts[0].At >= TimeSpan.FromSeconds(0.9), $"the second attempt came {(attempts[1].At - attempts[0].At).TotalMilliseconds:F0} ms after the first, before its Retry-After of 1 s");
        Assert.True(attempts[2].At - attempts[1].At >= TimeSpan.FromMilliseconds(90), "the third attempt did not wait the doubled backoff of 100 ms");
        await Wait.Until(() => counts.GetValueOrDefault($"{Channel}/delivered") == 1, "the delivery to be counted");
        Assert.Equal(2, counts.GetValueOrDefault($"{Channel}/retried"));
        Assert.Equal(0, counts.GetValueOrDefault($"{Channel}/dead_lettered"));
    }

    [Fact]
    public async Task A_receiver_down_for_good_leaves_a_dead_letter_with_the_reason_and_the_attempts_which_the_API_lists()
    {
        var settings = Settings(WebhookReceiver.Nowhere());
        settings["DriftWatcher:Alerts:MaxAttempts"] = "3";
        await using var host = await WebModuleHost.StartAsync(b => b.AddDriftWatcher(), a => a.MapDriftWatcher(), settings);
        var counts = new ConcurrentDictionary<string, long>();
        using var listener = ListenToDeliveries(host.Services, counts);
        var failure = Failure();
        var id = AlertSources.IdFor(AlertKinds.TrainingFailed, failure.RequestId.ToString("N"));
        var file = Path.Combine(host.ArtifactRoot, "alerts", "dead-letter", $"{id}-{Channel}.json");

        await host.Bus.Publish(failure);
        await Wait.Until(() => File.Exists(file), $"the dead letter {file}");

        var letter = JsonSerializer.Deserialize<DeadLetter>(File.ReadAllText(file), ApiJson.Options)!;
        Assert.Equal((id, Channel, 3, (int?)null), (letter.AlertId, letter.Channel, letter.Attempts, letter.StatusCode));
        Assert.Contains("gave up after 3 attempts", letter.Reason, StringComparison.Ordinal);
        Assert.True(letter.FirstAttemptAt < letter.LastAttemptAt);
        var listed = await host.Http.GetFromJsonAsync<List<DeadLetter>>("/api/alerts/dead-letters", ApiJson.Options);
        Assert.Equal([(id, Channel, 3)], listed!.Select(l => (l.AlertId, l.Channel, l.Attempts)));
        var recent = await host.Http.GetFromJsonAsync<List<AlertStatus>>("/api/alerts", ApiJson.Options);
        Assert.Equal([("log", DeliveryState.Delivered), (Channel, DeliveryState.DeadLettered)], recent!.Single().Deliveries.Select(d => (d.Channel, d.State)));
        Assert.Equal((2L, 1L), (counts.GetValueOrDefault($"{Channel}/retried"), counts.GetValueOrDefault($"{Channel}/dead_lettered")));
    }

    [Fact]
    public async Task A_refusal_other_than_408_or_429_is_dead_lettered_at_once_without_a_retry()
    {
        await using var receiver = await WebhookReceiver.StartAsync(Secret);
        receiver.Answer = _ => (422, null);
        await using var host = await ModuleHost.StartAsync(b => b.AddDriftWatcher(), Settings(receiver.Url));
        var outbox = host.Services.GetRequiredService<AlertOutbox>();

        await host.Bus.Publish(Rejection());
        await Wait.Until(() => outbox.DeadLetters().Count == 1, "the refused delivery to be dead-lettered");

        var letter = outbox.DeadLetters().Single();
        Assert.Equal((1, (int?)422), (letter.Attempts, letter.StatusCode));
        Assert.StartsWith("HTTP 422", letter.Reason, StringComparison.Ordinal);
        Assert.Single(receiver.Requests);
    }

    [Fact]
    public async Task A_delivery_pending_when_the_host_stops_is_delivered_by_the_next_host_from_the_outbox()
    {
        using var artifacts = new TempDirectory();
        await using var receiver = await WebhookReceiver.StartAsync(Secret);
        receiver.Answer = _ => (503, null);
        var settings = Settings(receiver.Url);
        settings["DriftWatcher:Alerts:InitialBackoffMilliseconds"] = "200";
        settings["DriftWatcher:Alerts:MaxAttempts"] = "100";
        var rejection = Rejection();
        var id = AlertSources.IdFor(AlertKinds.GateRejected, "taxi/v4");

        // Apart, so that MassTransit's ambient log context of the stopped host does not reach the next one.
        await Task.Run(async () =>
        {
            await using var first = await ModuleHost.StartAsync(b => b.AddDriftWatcher(), settings, artifacts.Path);
            await first.Bus.Publish(rejection);
            await Wait.Until(() => receiver.Requests.Count >= 1, "the first attempt");
        });

        receiver.Answer = _ => (200, null);
        await using var second = await ModuleHost.StartAsync(b => b.AddDriftWatcher(), settings, artifacts.Path);
        await Wait.Until(() => receiver.Accepted.Count == 1, "the pending delivery to be made after the restart");

        Assert.Empty(second.Harness.Consumed.Select<ModelRejected>());
        Assert.Equal(id, receiver.Accepted.Single().AlertId);
        var state = Path.Combine(artifacts.Path, "alerts", id, $"{Channel}.json");
        await Wait.Until(() => File.ReadAllText(state).Contains("\"Delivered\"", StringComparison.Ordinal), "the delivered state to be written");
        var delivery = JsonSerializer.Deserialize<AlertDelivery>(File.ReadAllText(state), ApiJson.Options)!;
        // An attempt whose outcome the stopping host did not record is not counted (even when the receiver saw it):
        // it is made again, never lost. So the count is at least the successful attempt, at most every request made.
        Assert.InRange(delivery.Attempts, 1, receiver.Requests.Count);
        Assert.Single(receiver.Requests.Select(r => r.DeliveryId).Distinct());
    }

    [Fact]
    public async Task Every_alert_is_one_warning_log_entry_with_the_fields_the_log_based_metric_reads()
    {
        var logs = new CapturedLogs();
        await using var host = await ModuleHost.StartAsync(b =>
        {
            b.Logging.AddProvider(logs);
            b.AddDriftWatcher();
        });
        var drift = Drift();

        await host.Bus.Publish(drift);
        await host.Bus.Publish(Rejection());
        await Wait.Until(() => Anomalies(logs).Count == 2, "two anomaly entries");

        var entry = Anomalies(logs).Single(e => e.GetProperty("alertKind").GetString() == AlertKinds.Drift);
        Assert.Equal(AnomalyLog.AnomalyType, entry.GetProperty(AnomalyLog.AnomalyTypeField).GetString());
        Assert.Equal("model_monitoring_anomaly", entry.GetProperty("anomalyType").GetString());
        Assert.Equal("WARNING", entry.GetProperty("severity").GetString());
        Assert.Equal("taxi", entry.GetProperty("model").GetString());
        Assert.Equal(AlertSources.IdFor(AlertKinds.Drift, drift.AlertId.ToString("N")), entry.GetProperty("alertId").GetString());
        Assert.Contains("trip_distance jensen-shannon 0.122 > 0.100", entry.GetProperty("summary").GetString(), StringComparison.Ordinal);
        Assert.Contains(Anomalies(logs), e => e.GetProperty("alertKind").GetString() == AlertKinds.GateRejected);
    }

    [Fact]
    public async Task The_topic_channel_sends_the_alert_as_plain_json_without_an_envelope()
    {
        await using var host = await ModuleHost.StartAsync(
            b =>
            {
                b.AddDriftWatcher();
                b.Messaging().AddRawJsonConsumer<AlertTopicReader>("mlops-alerts");
            },
            new Dictionary<string, string?> { ["DriftWatcher:Alerts:Topic"] = "mlops-alerts" });
        var rollback = Rollback();
        var id = AlertSources.IdFor(AlertKinds.Rollback, rollback.DeploymentId.ToString("N"));

        await host.Bus.Publish(rollback);
        await Wait.Until(() => AlertTopicReader.Read.Any(r => r.Alert.Id == id), "the alert on the mlops-alerts topic");

        var (alert, body) = AlertTopicReader.Read.First(r => r.Alert.Id == id);
        Assert.Equal((AlertKinds.Rollback, "taxi", (int?)3), (alert.Kind, alert.Model, alert.Version));
        using var json = JsonDocument.Parse(body);
        Assert.Equal(id, json.RootElement.GetProperty("id").GetString());
        Assert.False(json.RootElement.TryGetProperty("messageType", out _), "the body is a MassTransit envelope");
        Assert.Equal("application/json", host.Harness.Sent.Select<Alert>().First().Context.ContentType!.MediaType);
    }

    [Fact]
    public async Task No_log_line_and_no_outbox_file_holds_a_webhook_secret()
    {
        var logs = new CapturedLogs();
        await using var receiver = await WebhookReceiver.StartAsync(Secret);
        receiver.Answer = n => n == 1 ? (500, null) : (200, null);
        var settings = Settings(receiver.Url);
        const string other = "other-secret-91c2e07d";
        settings["DriftWatcher:Alerts:Webhooks:down:Url"] = WebhookReceiver.Nowhere();
        settings["DriftWatcher:Alerts:Webhooks:down:Secret"] = other;
        settings["DriftWatcher:Alerts:MaxAttempts"] = "2";
        await using var host = await ModuleHost.StartAsync(b =>
        {
            b.Logging.AddProvider(logs).SetMinimumLevel(LogLevel.Trace);
            b.AddDriftWatcher();
        }, settings);
        var outbox = host.Services.GetRequiredService<AlertOutbox>();

        await host.Bus.Publish(Drift());
        await Wait.Until(() => receiver.Accepted.Count == 1 && outbox.DeadLetters().Count == 1, "one delivery after a retry, and one dead letter");

        Assert.NotEmpty(logs.Lines);
        Assert.DoesNotContain(logs.Lines, l => l.Contains(Secret, StringComparison.Ordinal) || l.Contains(other, StringComparison.Ordinal));
        var files = Directory.EnumerateFiles(Path.Combine(host.ArtifactRoot, "alerts"), "*", SearchOption.AllDirectories).ToList();
        Assert.DoesNotContain(files, f => File.ReadAllText(f).Contains(Secret, StringComparison.Ordinal) || File.ReadAllText(f).Contains(other, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Alert_settings_that_cannot_work_stop_the_start_naming_each_key_and_quoting_no_secret_or_url()
    {
        var settings = new Dictionary<string, string?>
        {
            ["DriftWatcher:Alerts:Webhooks:ops:Url"] = "ftp://hooks.example.com/T0K3N",
            ["DriftWatcher:Alerts:Webhooks:ops:Secret"] = "short-S3CR3T",
            ["DriftWatcher:Alerts:Webhooks:ops:Kinds"] = "drift,outage",
            ["DriftWatcher:Alerts:Webhooks:nosecret:Url"] = "https://hooks.example.com/ok",
            ["DriftWatcher:Alerts:Topic"] = EndpointNames.Alerts,
        };

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => ModuleHost.StartAsync(b => b.AddDriftWatcher(), settings));

        Assert.Contains("DriftWatcher:Alerts:Webhooks:ops:Url is not an absolute http or https URL", error.Message, StringComparison.Ordinal);
        Assert.Contains("DriftWatcher:Alerts:Webhooks:ops:Secret is too short", error.Message, StringComparison.Ordinal);
        Assert.Contains("DriftWatcher:Alerts:Webhooks:ops:Kinds is 'drift,outage'", error.Message, StringComparison.Ordinal);
        Assert.Contains("DriftWatcher:Alerts:Webhooks:nosecret:Secret", error.Message, StringComparison.Ordinal);
        Assert.Contains("DriftWatcher:Alerts:Topic", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("S3CR3T", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("T0K3N", error.Message, StringComparison.Ordinal);
    }

    private static Dictionary<string, string?> Settings(string url) => new()
    {
        ["DriftWatcher:Alerts:Webhooks:ops:Url"] = url,
        ["DriftWatcher:Alerts:Webhooks:ops:Secret"] = Secret,
        ["DriftWatcher:Alerts:InitialBackoffMilliseconds"] = "50",
        ["DriftWatcher:Alerts:MaxBackoffMilliseconds"] = "2000",
    };

    private static DriftDetected Drift() => new(
        Guid.NewGuid(), "taxi", 2, DriftKinds.Skew,
        [new FeatureScore("trip_distance", "jensen-shannon", 0.122, 0.1, true), new FeatureScore("pickup_zone", "l-infinity", 0.04, 0.1, false)],
        At.AddMinutes(-5), At, 400, At);

    private static DeploymentRolledBack Rollback() => new(Guid.NewGuid(), "taxi", 3, 2, "canary error rate 0.12 is above 0.05", At);

    private static TrainingFailed Failure() => new(Guid.NewGuid(), "taxi", TrainingReasons.Drift, ["row 12: trip_distance is not a number"], 1, At);

    private static MessageFaulted Faulted() => new(
        Guid.NewGuid().ToString("D"), nameof(TrainingRequested), EndpointNames.Trainer, "trainer_error", "System.IO.IOException", "No space left on device", 4, "taxi", At);

    private static ModelRejected Rejection() =>
        new("taxi", 4, new GateVerdict(false, "AUC 0.7300 does not beat champion v2 (0.7500) by 0.005", 0.73, 0.75, 2, 0.7, 0.005), At);

    private static List<JsonElement> Anomalies(CapturedLogs logs) =>
        [.. logs.Lines.Select(l => JsonDocument.Parse(l).RootElement).Where(e => e.TryGetProperty(AnomalyLog.AnomalyTypeField, out _))];

    /// <summary>Delivery outcomes counted by this host's meter (not another test's), as "channel/outcome".</summary>
    private static MeterListener ListenToDeliveries(IServiceProvider services, ConcurrentDictionary<string, long> counts)
    {
        var factory = services.GetRequiredService<IMeterFactory>();
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Scope == factory && instrument.Name == "mlops.driftwatcher.alerting.deliveries")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            string? channel = null, outcome = null;
            foreach (var tag in tags)
            {
                channel = tag.Key == "channel" ? tag.Value as string : channel;
                outcome = tag.Key == "outcome" ? tag.Value as string : outcome;
            }

            counts.AddOrUpdate($"{channel}/{outcome}", value, (_, total) => total + value);
        });
        listener.Start();
        return listener;
    }
}
