using System.Collections.Concurrent;
using MlOps.PubSub;

namespace MlOps.Transport.PubSub.Transport;

/// <summary>Creates each topic and subscription at most once per connection (create-or-get), so
/// sends and receive endpoints can ask for them freely.</summary>
public sealed class PubSubEntities(PubSubClient client)
{
    private readonly ConcurrentDictionary<string, Lazy<Task>> _created = new();

    public Task EnsureTopicAsync(string topic) =>
        Once("t:" + topic, () => client.Topics.CreateAsync(topic));

    /// <summary>A topic plus a same-named subscription, so that messages sent to it are kept until read.</summary>
    public Task EnsureQueueAsync(string name, int ackDeadlineSeconds) =>
        EnsureSubscriptionAsync(new PubSubSubscriptionSettings(name, name) { AckDeadlineSeconds = ackDeadlineSeconds });

    public Task EnsureSubscriptionAsync(PubSubSubscriptionSettings settings) =>
        Once("s:" + settings.Name, async () =>
        {
            await EnsureTopicAsync(settings.Topic).ConfigureAwait(false);
            await client.Subscriptions.CreateAsync(settings).ConfigureAwait(false);
        });

    public void Forget(string name)
    {
        _created.TryRemove("t:" + name, out _);
        _created.TryRemove("s:" + name, out _);
    }

    private Task Once(string key, Func<Task> create)
    {
        var lazy = _created.GetOrAdd(key, _ => new Lazy<Task>(create));
        var task = lazy.Value;
        if (task.IsFaulted || task.IsCanceled)
        {
            _created.TryRemove(new KeyValuePair<string, Lazy<Task>>(key, lazy));
            return Once(key, create);
        }
        return task.IsCompleted ? task : Observe(key, lazy, task);
    }

    private async Task Observe(string key, Lazy<Task> lazy, Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch
        {
            _created.TryRemove(new KeyValuePair<string, Lazy<Task>>(key, lazy));
            throw;
        }
    }
}
