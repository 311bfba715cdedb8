using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Google.Cloud.PubSub.V1;
using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace MlOps.PubSub;

/// <summary>Receives from subscriptions: unary Pull (the fast path), StreamingPull, Acknowledge and ModifyAckDeadline.</summary>
public sealed class PubSubSubscriber : IAsyncDisposable
{
    /// <summary>Ack ids per Acknowledge / ModifyAckDeadline request, well inside the 512 KB request limit.</summary>
    public const int MaxAckIdsPerRequest = 1000;

    private readonly Subscriber.SubscriberClient _client;
    private readonly PubSubCallInvoker _invoker;
    private readonly PubSubRetrySettings _retry;
    private readonly ILogger _logger;
    private readonly string _projectId;
    private readonly RequestBatcherOptions _ackBatching;
    private readonly ConcurrentDictionary<string, RequestBatcher<string, bool>> _ackBatchers = new();

    internal PubSubSubscriber(Subscriber.SubscriberClient client, PubSubCallInvoker invoker, PubSubRetrySettings retry, ILogger logger, string projectId)
    {
        _client = client;
        _invoker = invoker;
        _retry = retry;
        _logger = logger;
        _projectId = projectId;
        _ackBatching = new RequestBatcherOptions { MaxItemsPerRequest = MaxAckIdsPerRequest, MaxBytesPerRequest = 400_000, MaxConcurrentRequests = 4 };
    }

    /// <summary>One Pull; may wait for messages and may return none. A Pull that outlives its attempt deadline
    /// (which Google's rule does not retry) returned nothing: the caller simply pulls again.</summary>
    public async Task<IReadOnlyList<ReceivedMessage>> PullAsync(string subscription, int maxMessages, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessages, 1);
        var request = new PullRequest { Subscription = PubSubNames.SubscriptionPath(_projectId, subscription), MaxMessages = maxMessages };
        try
        {
            var response = await _invoker.RunAsync(PubSubMethod.Pull, o => _client.PullAsync(request, o), cancellationToken).ConfigureAwait(false);
            return response.ReceivedMessages;
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.DeadlineExceeded && !cancellationToken.IsCancellationRequested)
        {
            return [];
        }
    }

    /// <summary>Messages from a StreamingPull, reopening the stream after the statuses Google's rule retries for it.
    /// Acknowledge them with <see cref="AcknowledgeAsync"/>.</summary>
    public async IAsyncEnumerable<ReceivedMessage> StreamingPullAsync(string subscription, int streamAckDeadlineSeconds,
        long maxOutstandingMessages = 1000, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var path = PubSubNames.SubscriptionPath(_projectId, subscription);
        var clientId = Guid.NewGuid().ToString("N");
        var backoff = _retry.InitialBackoff;
        while (!cancellationToken.IsCancellationRequested)
        {
            using var call = _client.StreamingPull(cancellationToken: cancellationToken);
            await call.RequestStream.WriteAsync(new StreamingPullRequest
            {
                Subscription = path,
                StreamAckDeadlineSeconds = streamAckDeadlineSeconds,
                ClientId = clientId,
                MaxOutstandingMessages = maxOutstandingMessages,
            }, cancellationToken).ConfigureAwait(false);
            var stream = call.ResponseStream.ReadAllAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
            while (true)
            {
                ReceivedMessage[] batch;
                try
                {
                    if (!await stream.MoveNextAsync().ConfigureAwait(false))
                    {
                        break;
                    }

                    batch = [.. stream.Current.ReceivedMessages];
                }
                catch (RpcException e) when (PubSubRetrySettings.Retries(PubSubMethod.StreamingPull, e.StatusCode) && !cancellationToken.IsCancellationRequested)
                {
                    _logger.LogDebug("StreamingPull on {Subscription} ended with {Status}; reopening", subscription, e.StatusCode);
                    break;
                }
                catch (RpcException e) when (e.StatusCode == StatusCode.Cancelled && cancellationToken.IsCancellationRequested)
                {
                    yield break;
                }
                backoff = _retry.InitialBackoff;
                foreach (var message in batch)
                {
                    yield return message;
                }
            }
            await stream.DisposeAsync().ConfigureAwait(false);
            await Task.Delay(backoff, cancellationToken).ConfigureAwait(false);
            backoff = _retry.Next(backoff);
        }
    }

    public async Task AcknowledgeAsync(string subscription, IEnumerable<string> ackIds, CancellationToken cancellationToken = default)
    {
        var path = PubSubNames.SubscriptionPath(_projectId, subscription);
        foreach (var chunk in ackIds.Chunk(MaxAckIdsPerRequest))
        {
            var request = new AcknowledgeRequest { Subscription = path };
            request.AckIds.AddRange(chunk);
            await _invoker.RunAsync(PubSubMethod.Acknowledge, o => _client.AcknowledgeAsync(request, o), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Acknowledges one message, sharing a request with other acks on the same subscription meanwhile.</summary>
    public Task AcknowledgeOneAsync(string subscription, string ackId)
    {
        var path = PubSubNames.SubscriptionPath(_projectId, subscription);
        var batcher = _ackBatchers.GetOrAdd(path, p => new RequestBatcher<string, bool>(async ids =>
        {
            var request = new AcknowledgeRequest { Subscription = p };
            request.AckIds.AddRange(ids);
            await _invoker.RunAsync(PubSubMethod.Acknowledge, o => _client.AcknowledgeAsync(request, o), CancellationToken.None).ConfigureAwait(false);
            return new bool[ids.Count];
        }, _ackBatching));
        return batcher.AddAsync(ackId, ackId.Length + 3);
    }

    /// <summary>Sets the lease of the messages to <paramref name="ackDeadlineSeconds"/> from now (0 = nack: redeliver now).</summary>
    public async Task ModifyAckDeadlineAsync(string subscription, IEnumerable<string> ackIds, int ackDeadlineSeconds, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(ackDeadlineSeconds);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ackDeadlineSeconds, PubSubSubscriptions.MaxAckDeadlineSeconds);
        var path = PubSubNames.SubscriptionPath(_projectId, subscription);
        foreach (var chunk in ackIds.Chunk(MaxAckIdsPerRequest))
        {
            var request = new ModifyAckDeadlineRequest { Subscription = path, AckDeadlineSeconds = ackDeadlineSeconds };
            request.AckIds.AddRange(chunk);
            await _invoker.RunAsync(PubSubMethod.ModifyAckDeadline, o => _client.ModifyAckDeadlineAsync(request, o), cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var batcher in _ackBatchers.Values)
        {
            await batcher.DisposeAsync().ConfigureAwait(false);
        }

        _ackBatchers.Clear();
    }
}
