using System.Collections.Concurrent;
using Google.Cloud.PubSub.V1;
using Grpc.Core;

namespace MlOps.PubSub;

/// <summary>Publishes to topics. <see cref="PublishAsync(string, IEnumerable{PubsubMessage}, CancellationToken)"/>
/// splits a list into requests within the limits; <see cref="PublishOneAsync"/> batches concurrent
/// single messages per topic. A request carries messages of one ordering key only, and the requests
/// of one key go out one after the other, in order.</summary>
public sealed class PubSubPublisher : IAsyncDisposable
{
    private readonly Publisher.PublisherClient _client;
    private readonly PubSubCallInvoker _invoker;
    private readonly string _projectId;
    private readonly RequestBatcherOptions _batching;
    private readonly ConcurrentDictionary<string, RequestBatcher<PubsubMessage, string>> _batchers = new();

    internal PubSubPublisher(Publisher.PublisherClient client, PubSubCallInvoker invoker, string projectId, RequestBatcherOptions batching)
    {
        _client = client;
        _invoker = invoker;
        _projectId = projectId;
        _batching = batching;
    }

    /// <summary>Publishes all messages (in requests of at most 1000 messages / 10 MB, one ordering key each) and
    /// returns their ids in the order of <paramref name="messages"/>. Every message is checked before the first request goes out.</summary>
    public async Task<IReadOnlyList<string>> PublishAsync(string topic, IEnumerable<PubsubMessage> messages, CancellationToken cancellationToken = default)
    {
        var path = PubSubNames.TopicPath(_projectId, topic);
        var batches = PublishLimits.IndexedBatches(messages, path.Length + 4).ToList();
        var ids = new string[batches.Sum(b => b.Count)];
        foreach (var batch in batches)
        {
            var sent = await SendAsync(path, batch.ConvertAll(m => m.Message), cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < batch.Count; i++)
            {
                ids[batch[i].Index] = sent[i];
            }
        }

        return ids;
    }

    /// <summary>Publishes one message, sharing a request with other messages published to the same topic meanwhile.</summary>
    public Task<string> PublishOneAsync(string topic, PubsubMessage message)
    {
        var size = PublishLimits.Validate(message);
        var path = PubSubNames.TopicPath(_projectId, topic);
        var batcher = _batchers.GetOrAdd(path, p => new RequestBatcher<PubsubMessage, string>(batch => SendAsync(p, batch, CancellationToken.None), _batching, m => m.OrderingKey));
        return batcher.AddAsync(message, size);
    }

    private async Task<IReadOnlyList<string>> SendAsync(string topicPath, IReadOnlyList<PubsubMessage> batch, CancellationToken cancellationToken)
    {
        var request = new PublishRequest { Topic = topicPath };
        request.Messages.AddRange(batch);
        try
        {
            var response = await _invoker.RunAsync(PubSubMethod.Publish, o => _client.PublishAsync(request, o), cancellationToken).ConfigureAwait(false);
            return response.MessageIds.Count == batch.Count
                ? response.MessageIds
                : throw new InvalidOperationException($"Pub/Sub returned {response.MessageIds.Count} message ids for {batch.Count} messages published to '{PubSubNames.ShortName(topicPath)}'.");
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            throw new PubSubTopicNotFoundException(PubSubNames.ShortName(topicPath), e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var batcher in _batchers.Values)
        {
            await batcher.DisposeAsync().ConfigureAwait(false);
        }

        _batchers.Clear();
    }
}
