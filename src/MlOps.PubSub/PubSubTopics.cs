using Google.Cloud.PubSub.V1;
using Grpc.Core;

namespace MlOps.PubSub;

/// <summary>Topic administration. Create is create-or-get: a topic that already exists is success.</summary>
public sealed class PubSubTopics
{
    private readonly Publisher.PublisherClient _client;
    private readonly PubSubCallInvoker _invoker;
    private readonly string _projectId;

    internal PubSubTopics(Publisher.PublisherClient client, PubSubCallInvoker invoker, string projectId)
    {
        _client = client;
        _invoker = invoker;
        _projectId = projectId;
    }

    public async Task<Topic> CreateAsync(string topic, CancellationToken cancellationToken = default)
    {
        var path = PubSubNames.TopicPath(_projectId, topic);
        try
        {
            return await _invoker.RunAsync(PubSubMethod.CreateTopic, o => _client.CreateTopicAsync(new Topic { Name = path }, o), cancellationToken).ConfigureAwait(false);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.AlreadyExists)
        {
            return await GetAsync(topic, cancellationToken).ConfigureAwait(false) ?? new Topic { Name = path };
        }
    }

    /// <summary>The topic, or null when it does not exist.</summary>
    public async Task<Topic?> GetAsync(string topic, CancellationToken cancellationToken = default)
    {
        var request = new GetTopicRequest { Topic = PubSubNames.TopicPath(_projectId, topic) };
        try
        {
            return await _invoker.RunAsync(PubSubMethod.GetTopic, o => _client.GetTopicAsync(request, o), cancellationToken).ConfigureAwait(false);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>Deletes the topic; false when it did not exist.</summary>
    public async Task<bool> DeleteAsync(string topic, CancellationToken cancellationToken = default)
    {
        var request = new DeleteTopicRequest { Topic = PubSubNames.TopicPath(_projectId, topic) };
        try
        {
            await _invoker.RunAsync(PubSubMethod.DeleteTopic, o => _client.DeleteTopicAsync(request, o), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            return false;
        }
    }
}
