using Google.Cloud.PubSub.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace MlOps.PubSub;

/// <summary>Subscription administration. Create is create-or-get: a subscription that already exists is
/// success, and what it returns is the existing subscription, whose ack deadline may differ from the one asked for.</summary>
public sealed class PubSubSubscriptions
{
    /// <summary>Pub/Sub's bounds for a subscription's ack deadline.</summary>
    public const int MinAckDeadlineSeconds = 10;
    public const int MaxAckDeadlineSeconds = 600;

    /// <summary>The ack deadline the platform gives the subscriptions it creates: the transport's default,
    /// and the bootstrap's <c>gcloud pubsub subscriptions create --ack-deadline</c> (a test keeps the two equal).</summary>
    public const int DefaultAckDeadlineSeconds = 30;

    /// <summary>What Pub/Sub applies to a subscription created without an ack deadline (<c>ack_deadline_seconds</c> 0).</summary>
    public const int UnsetAckDeadlineSeconds = 10;

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
        if (!IsValidAckDeadline(TimeSpan.FromSeconds(settings.AckDeadlineSeconds)))
        {
            throw new ArgumentOutOfRangeException(nameof(settings.AckDeadlineSeconds), settings.AckDeadlineSeconds,
                $"{nameof(PubSubSubscriptionSettings)}.{nameof(settings.AckDeadlineSeconds)} of subscription '{settings.Name}' {AckDeadlineRule}.");
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
        else if (settings.NeverExpire)
        {
            // A policy without a ttl is Pub/Sub's "never expires"; no policy at all means 31 days.
            subscription.ExpirationPolicy = new ExpirationPolicy();
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
            return await _invoker.RunAsync(PubSubMethod.CreateSubscription, o => _client.CreateSubscriptionAsync(subscription, o), cancellationToken).ConfigureAwait(false);
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

    /// <summary>How an ack deadline setting out of bounds is explained, after the setting's name.</summary>
    public static string AckDeadlineRule => $"must be between {MinAckDeadlineSeconds} and {MaxAckDeadlineSeconds} seconds (Pub/Sub's bounds for an ack deadline)";

    public static bool IsValidAckDeadline(TimeSpan deadline) =>
        deadline >= TimeSpan.FromSeconds(MinAckDeadlineSeconds) && deadline <= TimeSpan.FromSeconds(MaxAckDeadlineSeconds);

    /// <summary>The whole seconds Pub/Sub takes for <paramref name="deadline"/> (rounded up).</summary>
    public static int ToAckDeadlineSeconds(TimeSpan deadline) => (int)Math.Ceiling(deadline.TotalSeconds);

    /// <summary>How long Pub/Sub leases a message pulled from <paramref name="subscription"/> before it redelivers it:
    /// the subscription's own ack deadline, or Pub/Sub's default when it was created without one.</summary>
    public static TimeSpan AckDeadlineOf(Subscription subscription)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        return TimeSpan.FromSeconds(subscription.AckDeadlineSeconds > 0 ? subscription.AckDeadlineSeconds : UnsetAckDeadlineSeconds);
    }

    /// <summary>The subscription, or null when it does not exist.</summary>
    public async Task<Subscription?> GetAsync(string subscription, CancellationToken cancellationToken = default)
    {
        var request = new GetSubscriptionRequest { Subscription = PubSubNames.SubscriptionPath(_projectId, subscription) };
        try
        {
            return await _invoker.RunAsync(PubSubMethod.GetSubscription, o => _client.GetSubscriptionAsync(request, o), cancellationToken).ConfigureAwait(false);
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
            await _invoker.RunAsync(PubSubMethod.DeleteSubscription, o => _client.DeleteSubscriptionAsync(request, o), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            return false;
        }
    }
}
