using Google.Cloud.PubSub.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace MlOps.PubSub;

/// <summary>Subscription administration. Create is create-or-get: a subscription that already exists is success.</summary>
public sealed class PubSubSubscriptions
{
    public const int MinAckDeadlineSeconds = 10;
    public const int MaxAckDeadlineSeconds = 600;

    private readonly Subscriber.SubscriberClient _client;
    private readonly PubSubCallInvoker _invoker;
    private readonly string _projectId;

    internal PubSubSubscriptions(Subscriber.SubscriberClient client, PubSubCallInvoker invoker, string projectId)
    {
        _client = client;
        _invoker = invoker;
        _projectId = projectId;
    }

    public async Task<Subscription> CreateAsync(PubSubSubscriptionSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.AckDeadlineSeconds is < 1 or > MaxAckDeadlineSeconds)
        {
            throw new ArgumentOutOfRangeException(nameof(settings), settings.AckDeadlineSeconds, $"The ack deadline must be at most {MaxAckDeadlineSeconds} seconds (Pub/Sub requires at least {MinAckDeadlineSeconds}).");
        }

        var subscription = new Subscription
        {
            Name = PubSubNames.SubscriptionPath(_projectId, settings.Name),
            Topic = PubSubNames.TopicPath(_projectId, settings.Topic),
            AckDeadlineSeconds = settings.AckDeadlineSeconds,
        };
        if (settings.ExpireWhenIdleFor is { } ttl)
        {
            subscription.ExpirationPolicy = new ExpirationPolicy { Ttl = Duration.FromTimeSpan(ttl) };
        }

        if (settings.Labels is not null)
        {
            foreach (var (key, value) in settings.Labels)
            {
                subscription.Labels[key] = value;
            }
        }

        try
        {
            return await _invoker.RunAsync("CreateSubscription", o => _client.CreateSubscriptionAsync(subscription, o), cancellationToken).ConfigureAwait(false);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.AlreadyExists)
        {
            return await GetAsync(settings.Name, cancellationToken).ConfigureAwait(false) ?? subscription;
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            throw new InvalidOperationException($"Cannot create subscription '{settings.Name}': topic '{settings.Topic}' does not exist.", e);
        }
    }

    /// <summary>The subscription, or null when it does not exist.</summary>
    public async Task<Subscription?> GetAsync(string subscription, CancellationToken cancellationToken = default)
    {
        var request = new GetSubscriptionRequest { Subscription = PubSubNames.SubscriptionPath(_projectId, subscription) };
        try
        {
            return await _invoker.RunAsync("GetSubscription", o => _client.GetSubscriptionAsync(request, o), cancellationToken).ConfigureAwait(false);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>Deletes the subscription; false when it did not exist.</summary>
    public async Task<bool> DeleteAsync(string subscription, CancellationToken cancellationToken = default)
    {
        var request = new DeleteSubscriptionRequest { Subscription = PubSubNames.SubscriptionPath(_projectId, subscription) };
        try
        {
            await _invoker.RunAsync("DeleteSubscription", o => _client.DeleteSubscriptionAsync(request, o), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            return false;
        }
    }
}
