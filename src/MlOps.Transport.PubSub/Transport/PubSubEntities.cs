using System.Collections.Concurrent;
using Google.Cloud.PubSub.V1;
using MlOps.PubSub;

namespace MlOps.Transport.PubSub.Transport;

/// <summary>Creates each topic and subscription at most once per connection (create-or-get), so
/// sends and receive endpoints can ask for them freely. What they return is the entity as Pub/Sub
/// has it: a subscription that already existed comes back with its own ack deadline.</summary>
public sealed class PubSubEntities(PubSubClient client)
{
    private readonly ConcurrentDictionary<string, Lazy<Task>> _created = new();

    public Task<Topic> EnsureTopicAsync(string topic) =>
        Once("t:" + topic, () => client.Topics.CreateAsync(topic));

    /// <summary>A topic plus a same-named subscription, so that messages sent to it are kept until read;
    /// <paramref name="neverExpire"/> for one that may go unread for weeks (an error destination).</summary>
    public Task<Subscription> EnsureQueueAsync(string name, int ackDeadlineSeconds, bool neverExpire = false) =>
        EnsureSubscriptionAsync(new PubSubSubscriptionSettings(name, name) { AckDeadlineSeconds = ackDeadlineSeconds, NeverExpire = neverExpire });

    public Task<Subscription> EnsureSubscriptionAsync(PubSubSubscriptionSettings settings) =>
        Once("s:" + settings.Name, async () =>
        {
            await EnsureTopicAsync(settings.Topic).ConfigureAwait(false);
            return await client.Subscriptions.CreateAsync(settings).ConfigureAwait(false);
        });

    public void Forget(string name)
    {
        _created.TryRemove("t:" + name, out _);
        _created.TryRemove("s:" + name, out _);
    }

    private Task<T> Once<T>(string key, Func<Task<T>> create)
    {
        var lazy = _created.GetOrAdd(key, _ => new Lazy<Task>(create));
        var task = (Task<T>)lazy.Value;
        if (task.IsFaulted || task.IsCanceled)
        {
            _created.TryRemove(new KeyValuePair<string, Lazy<Task>>(key, lazy));
            return Once(key, create);
        }
        return task.IsCompleted ? task : Observe(key, lazy, task);
    }

    private async Task<T> Observe<T>(string key, Lazy<Task> lazy, Task<T> task)
    {
        try
        {
            return await task.ConfigureAwait(false);
        }
        catch
        {
            _created.TryRemove(new KeyValuePair<string, Lazy<Task>>(key, lazy));
            throw;
        }
    }
}
