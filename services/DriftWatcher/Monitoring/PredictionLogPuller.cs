using System.Globalization;
using Google.Cloud.PubSub.V1;
using Google.Protobuf;
using MassTransit;
using Microsoft.Extensions.Options;
using MlOps.Contracts;
using MlOps.DriftWatcher.Retraining;
using MlOps.Platform.Messaging;
using MlOps.PubSub;

namespace MlOps.DriftWatcher.Monitoring;

/// <summary>
/// Reads prediction log entries from their Pub/Sub subscription in batches, outside MassTransit: a log sink
/// publishes plain LogEntry JSON at the Predictor's rate, and a MassTransit receive context, consume context
/// and deserialized message per entry cost several times the counting itself. Each pull takes up to a
/// thousand entries, each is counted straight from its bytes, and the batch is acknowledged in one request
/// once every alert it raised is published and its retraining asked for; the next pull runs meanwhile, in
/// each of <see cref="PullLoops"/> loops.
/// A message that is not a LogEntry at all is moved, as it came, to <c>prediction-logs_error</c> with why;
/// one that is a LogEntry but no fitting prediction is counted and kept as a sample, as the consumer does.
/// Delivery is at least once: a crash before the ack has the batch delivered again.
/// </summary>
public sealed class PredictionLogPuller(
    IOptions<MessagingOptions> messaging,
    DriftMonitor monitor,
    RaisedAlerts raised,
    IBus bus,
    IServiceScopeFactory scopes,
    ILoggerFactory loggers) : BackgroundService
{
    /// <summary>Pub/Sub's most messages in one Pull.</summary>
    public const int MaxMessagesPerPull = 1000;

    /// <summary>Pull loops, each with its next pull in flight while it counts: Pub/Sub serves concurrent pulls in parallel.</summary>
    public const int PullLoops = 2;

    public static readonly string Subscription = EndpointNames.PredictionLogs;
    public static readonly string ErrorDestination = $"{EndpointNames.PredictionLogs}_error";

    private readonly ILogger _logger = loggers.CreateLogger<PredictionLogPuller>();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _acknowledged;
    private long _movedToError;
    private bool _errorDestinationReady;
    private volatile string? _problem = "the prediction log subscription is not set up yet";

    /// <summary>Completes once the subscription exists and pulling has begun.</summary>
    public Task Ready => _ready.Task;

    /// <summary>Entries acknowledged so far: counted, set aside as malformed, or moved to the error destination.</summary>
    public long Acknowledged => Interlocked.Read(ref _acknowledged);

    /// <summary>Why entries are not being read now (the subscription not set up, the last pull failed), or null.</summary>
    public string? Problem => _problem;

    /// <summary>Messages that were not log entries, moved to <see cref="ErrorDestination"/>.</summary>
    public long MovedToError => Interlocked.Read(ref _movedToError);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var options = messaging.Value.PubSub;
        await using var client = PubSubClient.Create(new PubSubClientSettings
        {
            ProjectId = options.ResolveProjectId(),
            EmulatorHost = string.IsNullOrWhiteSpace(options.EmulatorHost) ? null : options.EmulatorHost,
        }, loggers);
        try
        {
            await EnsureSubscriptionAsync(client, options.AckDeadlineSeconds, stoppingToken);
            _problem = null;
            _ready.TrySetResult();
            await Task.WhenAll(Enumerable.Range(0, PullLoops).Select(_ => Task.Run(() => PullAsync(client, stoppingToken), stoppingToken)));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task EnsureSubscriptionAsync(PubSubClient client, int ackDeadlineSeconds, CancellationToken cancellationToken)
    {
        var backoff = client.Settings.Retry.InitialBackoff;
        while (true)
        {
            try
            {
                await client.Topics.CreateAsync(EndpointNames.PredictionLogs, cancellationToken);
                await client.Subscriptions.CreateAsync(new PubSubSubscriptionSettings(Subscription, EndpointNames.PredictionLogs) { AckDeadlineSeconds = ackDeadlineSeconds }, cancellationToken);
                return;
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is not InvalidPubSubNameException)
            {
                _problem = $"cannot set up the subscription {Subscription}: {e.Message}";
                _logger.LogWarning(e, "Cannot set up the Pub/Sub subscription {Subscription}; retrying in {Delay}", Subscription, backoff);
                await Task.Delay(backoff, cancellationToken);
                backoff = client.Settings.Retry.Next(backoff);
            }
        }
    }

    private async Task PullAsync(PubSubClient client, CancellationToken cancellationToken)
    {
        var retry = client.Settings.Retry;
        var backoff = retry.InitialBackoff;
        var acking = Task.CompletedTask;
        var pulling = client.Subscriber.PullAsync(Subscription, MaxMessagesPerPull, cancellationToken);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                IReadOnlyList<ReceivedMessage> batch;
                try
                {
                    batch = await pulling;
                    backoff = retry.InitialBackoff;
                    _problem = null;
                }
                catch (Exception e) when (!cancellationToken.IsCancellationRequested)
                {
                    _problem = $"pulling from {Subscription} failed: {e.Message}";
                    _logger.LogWarning(e, "Pub/Sub pull from {Subscription} failed; retrying in {Delay}", Subscription, backoff);
                    await Task.Delay(backoff, cancellationToken);
                    backoff = retry.Next(backoff);
                    pulling = client.Subscriber.PullAsync(Subscription, MaxMessagesPerPull, cancellationToken);
                    continue;
                }

                // The next batch is on its way while this one is counted.
                pulling = client.Subscriber.PullAsync(Subscription, MaxMessagesPerPull, cancellationToken);
                if (batch.Count == 0)
                {
                    continue;
                }

                var (alerts, unreadable) = Count(batch);
                var kept = await MoveToErrorAsync(client, unreadable, cancellationToken);
                await PublishAsync(alerts, retry, cancellationToken);

                var ackIds = new List<string>(batch.Count);
                foreach (var message in batch)
                {
                    if (kept is null || !kept.Contains(message.AckId))
                    {
                        ackIds.Add(message.AckId);
                    }
                }

                await acking;
                acking = AcknowledgeAsync(client, ackIds);
            }
        }
        finally
        {
            // An ack under way when the service stops is let finish: lost, it would have its batch counted twice.
            await acking;
        }
    }

    /// <summary>Counts a batch; returns the alerts it raised and the messages that were not log entries at all.</summary>
    private (List<DriftDetected>? Alerts, List<(ReceivedMessage Message, string Problem)>? Unreadable) Count(IReadOnlyList<ReceivedMessage> batch)
    {
        List<DriftDetected>? alerts = null;
        List<(ReceivedMessage, string)>? unreadable = null;
        var observation = new Observation(monitor);
        foreach (var received in batch)
        {
            observation.Data = received.Message.Data;
            observation.Unreadable = null;

            // A message the Predictor published carries its MassTransit message id: a redelivery of it raises the
            // same alert rather than counting again. A sink's message has none and is simply counted.
            var id = received.Message.Attributes.TryGetValue(MessageHeaders.MessageId, out var text) && Guid.TryParse(text, out var parsed) ? parsed : (Guid?)null;
            if (raised.For(id, observation, static o => o.Run()) is { } alert)
            {
                (alerts ??= []).Add(alert);
            }

            if (observation.Unreadable is { } problem)
            {
                (unreadable ??= []).Add((received, problem));
            }
        }

        return (alerts, unreadable);
    }

    /// <summary>Moves what was not a log entry to the error destination, as it came plus why; returns the ack ids of those it could not move.</summary>
    private async Task<HashSet<string>?> MoveToErrorAsync(PubSubClient client, List<(ReceivedMessage Message, string Problem)>? unreadable, CancellationToken cancellationToken)
    {
        if (unreadable is null)
        {
            return null;
        }

        HashSet<string>? kept = null;
        foreach (var (received, problem) in unreadable)
        {
            try
            {
                if (!_errorDestinationReady)
                {
                    await client.Topics.CreateAsync(ErrorDestination, cancellationToken);
                    await client.Subscriptions.CreateAsync(new PubSubSubscriptionSettings(ErrorDestination, ErrorDestination) { NeverExpire = true }, cancellationToken);
                    _errorDestinationReady = true;
                }

                var moved = new PubsubMessage { Data = received.Message.Data };
                moved.Attributes.Add(received.Message.Attributes);
                moved.Attributes[MessageHeaders.Reason] = "fault";
                moved.Attributes[MessageHeaders.FaultMessage] = problem.Length > 1000 ? problem[..1000] : problem;
                moved.Attributes[MessageHeaders.FaultTimestamp] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);
                moved.Attributes[MessageHeaders.FaultExceptionType] = "MlOps.DriftWatcher.UnreadableLogEntry";
                await client.Publisher.PublishOneAsync(ErrorDestination, moved);
                Interlocked.Increment(ref _movedToError);
                _logger.LogWarning("Moved an unreadable prediction log message {MessageId} to {Destination}: {Problem}", received.Message.MessageId, ErrorDestination, problem);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                // Left unacknowledged, it is delivered again and another move is tried then.
                _logger.LogWarning(e, "Cannot move unreadable prediction log message {MessageId} to {Destination}", received.Message.MessageId, ErrorDestination);
                (kept ??= []).Add(received.AckId);
            }
        }

        return kept;
    }

    /// <summary>
    /// Publishes the batch's alerts and asks for their retraining, retrying until it succeeds: the entries that raised
    /// them are counted already, and the batch is acknowledged only after. A stop meanwhile leaves it unacknowledged.
    /// </summary>
    private async Task PublishAsync(List<DriftDetected>? alerts, PubSubRetrySettings retry, CancellationToken cancellationToken)
    {
        if (alerts is null)
        {
            return;
        }

        foreach (var alert in alerts)
        {
            var backoff = retry.InitialBackoff;
            while (true)
            {
                try
                {
                    await bus.Publish(alert, cancellationToken);
                    await using var scope = scopes.CreateAsyncScope();
                    await scope.ServiceProvider.GetRequiredService<IRetrainingRequests>().RequestAsync(alert, bus, cancellationToken);
                    break;
                }
                catch (Exception e) when (!cancellationToken.IsCancellationRequested)
                {
                    _logger.LogWarning(e, "Publishing drift alert {AlertId} on {Model} failed; retrying in {Delay}", alert.AlertId, alert.Model, backoff);
                    await Task.Delay(backoff, cancellationToken);
                    backoff = retry.Next(backoff);
                }
            }
        }
    }

    private async Task AcknowledgeAsync(PubSubClient client, List<string> ackIds)
    {
        try
        {
            await client.Subscriber.AcknowledgeAsync(Subscription, ackIds, CancellationToken.None);
            Interlocked.Add(ref _acknowledged, ackIds.Count);
        }
        catch (Exception e)
        {
            // Not acknowledged, the batch comes again once its lease runs out and is counted again: at least once.
            _logger.LogWarning(e, "Acknowledging {Count} prediction log entries on {Subscription} failed; Pub/Sub delivers them again", ackIds.Count, Subscription);
        }
    }

    /// <summary>One entry's counting, as state the retry check runs without a closure; reused across a batch.</summary>
    private sealed class Observation(DriftMonitor monitor)
    {
        public ByteString Data { get; set; } = ByteString.Empty;

        public string? Unreadable { get; set; }

        public DriftDetected? Run()
        {
            var alert = monitor.Observe(Data.Span, out var unreadable);
            Unreadable = unreadable;
            return alert;
        }
    }
}
