using Google.Cloud.PubSub.V1;
using Google.Protobuf;
using Grpc.Core;
using MlOps.PubSub.Tests.Infrastructure;

namespace MlOps.PubSub.Tests.Client;

[Collection(PubSubServerCollection.Name)]
public sealed class PubSubClientTests(PubSubServer server) : IAsyncLifetime
{
    private readonly PubSubClient _client = server.CreateClient();
    private readonly string _topic = Names.Unique("topic");

    public Task InitializeAsync() => _client.Topics.CreateAsync(_topic);

    public async Task DisposeAsync() => await _client.DisposeAsync();

    private static PubsubMessage Text(string text, params (string Key, string Value)[] attributes)
    {
        var message = new PubsubMessage { Data = ByteString.CopyFromUtf8(text) };
        foreach (var (key, value) in attributes)
        {
            message.Attributes[key] = value;
        }

        return message;
    }

    private async Task<string> SubscribeAsync(int ackDeadlineSeconds = 10)
    {
        var name = Names.Unique("sub");
        await _client.Subscriptions.CreateAsync(new PubSubSubscriptionSettings(name, _topic) { AckDeadlineSeconds = ackDeadlineSeconds });
        return name;
    }

    private async Task<List<ReceivedMessage>> PullAtLeastAsync(string subscription, int count, string what)
    {
        var received = new List<ReceivedMessage>();
        await Await.Within(Task.Run(async () =>
        {
            while (received.Count < count)
            {
                received.AddRange(await _client.Subscriber.PullAsync(subscription, 1000));
            }
        }), what);
        return received;
    }

    [Fact]
    public async Task Creating_an_existing_topic_or_subscription_succeeds()
    {
        var again = await _client.Topics.CreateAsync(_topic);
        Assert.Equal(PubSubNames.TopicPath(PubSubServer.ProjectId, _topic), again.Name);

        var subscription = await SubscribeAsync();
        var existing = await _client.Subscriptions.CreateAsync(new PubSubSubscriptionSettings(subscription, _topic));
        Assert.EndsWith("/" + subscription, existing.Name);
    }

    [Fact]
    public async Task Creating_a_subscription_that_exists_returns_it_with_its_own_ack_deadline()
    {
        var subscription = Names.Unique("sub");
        await server.CreateSubscriptionDirectlyAsync(_topic, subscription, PubSubSubscriptions.MinAckDeadlineSeconds);

        var existing = await _client.Subscriptions.CreateAsync(new PubSubSubscriptionSettings(subscription, _topic) { AckDeadlineSeconds = 60 });

        Assert.Equal(TimeSpan.FromSeconds(PubSubSubscriptions.MinAckDeadlineSeconds), PubSubSubscriptions.AckDeadlineOf(existing));
    }

    [Fact]
    public void A_subscription_without_an_ack_deadline_has_Pub_Subs_default_of_10_s() =>
        Assert.Equal(TimeSpan.FromSeconds(10), PubSubSubscriptions.AckDeadlineOf(new Subscription { AckDeadlineSeconds = 0 }));

    [Theory]
    [InlineData(5)]
    [InlineData(601)]
    public async Task An_ack_deadline_outside_Pub_Subs_bounds_is_refused_naming_the_setting(int seconds)
    {
        var subscription = Names.Unique("sub");

        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            _client.Subscriptions.CreateAsync(new PubSubSubscriptionSettings(subscription, _topic) { AckDeadlineSeconds = seconds }));

        Assert.Equal(nameof(PubSubSubscriptionSettings.AckDeadlineSeconds), error.ParamName);
        Assert.Contains("PubSubSubscriptionSettings.AckDeadlineSeconds", error.Message);
        Assert.Contains("between 10 and 600 seconds", error.Message);
        Assert.Null(await _client.Subscriptions.GetAsync(subscription));
    }

    [Fact]
    public async Task Deleting_reports_whether_the_entity_existed()
    {
        var subscription = await SubscribeAsync();
        Assert.True(await _client.Subscriptions.DeleteAsync(subscription));
        Assert.False(await _client.Subscriptions.DeleteAsync(subscription));
        Assert.Null(await _client.Subscriptions.GetAsync(subscription));
        Assert.True(await _client.Topics.DeleteAsync(_topic));
        Assert.False(await _client.Topics.DeleteAsync(_topic));
        Assert.Null(await _client.Topics.GetAsync(_topic));
    }

    [Fact]
    public async Task A_subscription_on_a_missing_topic_fails_with_a_clear_error()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            _client.Subscriptions.CreateAsync(new PubSubSubscriptionSettings(Names.Unique("sub"), Names.Unique("missing"))));
        Assert.Contains("does not exist", error.Message);
    }

    [Fact]
    public async Task Publishing_to_a_missing_topic_fails_with_a_clear_error()
    {
        var error = await Assert.ThrowsAsync<PubSubTopicNotFoundException>(() => _client.Publisher.PublishAsync(Names.Unique("missing"), [Text("x")]));
        Assert.Contains("does not exist", error.Message);
    }

    [Fact]
    public async Task Published_messages_arrive_with_data_and_attributes_and_acked_ones_do_not_return()
    {
        var subscription = await SubscribeAsync();
        var ids = await _client.Publisher.PublishAsync(_topic, [Text("one", ("kind", "a")), Text("two", ("kind", "b"))]);
        Assert.Equal(2, ids.Distinct().Count());

        var received = await PullAtLeastAsync(subscription, 2, "two published messages");
        Assert.Equal(["one", "two"], received.Select(r => r.Message.Data.ToStringUtf8()).Order());
        Assert.Equal("a", received.Single(r => r.Message.Data.ToStringUtf8() == "one").Message.Attributes["kind"]);

        await _client.Subscriber.AcknowledgeAsync(subscription, received.Select(r => r.AckId));
        Assert.Empty(await _client.Subscriber.PullAsync(subscription, 10));
    }

    [Fact]
    public async Task A_nack_makes_the_message_available_again_at_once()
    {
        var subscription = await SubscribeAsync(ackDeadlineSeconds: 60);
        await _client.Publisher.PublishAsync(_topic, [Text("retry me")]);
        var first = (await PullAtLeastAsync(subscription, 1, "the message")).Single();

        await _client.Subscriber.ModifyAckDeadlineAsync(subscription, [first.AckId], 0);

        var again = (await PullAtLeastAsync(subscription, 1, "the nacked message to come back")).Single();
        Assert.Equal(first.Message.MessageId, again.Message.MessageId);
    }

    [Fact]
    public async Task An_unacknowledged_message_returns_after_its_ack_deadline()
    {
        var subscription = Names.Unique("sub");
        await server.CreateSubscriptionDirectlyAsync(_topic, subscription, server.MinAckDeadlineSeconds);
        await _client.Publisher.PublishAsync(_topic, [Text("lease")]);
        var first = (await PullAtLeastAsync(subscription, 1, "the message")).Single();

        var again = (await PullAtLeastAsync(subscription, 1, "redelivery after the ack deadline")).Single();
        Assert.Equal(first.Message.MessageId, again.Message.MessageId);
    }

    [Fact]
    public async Task More_than_1000_messages_go_out_in_several_requests_and_all_arrive()
    {
        var subscription = await SubscribeAsync(ackDeadlineSeconds: 60);
        var ids = await _client.Publisher.PublishAsync(_topic, Enumerable.Range(0, 2500).Select(i => Text($"m{i}")));
        Assert.Equal(2500, ids.Distinct().Count());

        var received = await PullAtLeastAsync(subscription, 2500, "2500 messages");
        Assert.Equal(2500, received.Select(r => r.Message.MessageId).Distinct().Count());
    }

    [Fact]
    public async Task Concurrent_single_publishes_are_batched_and_each_gets_its_own_id()
    {
        var subscription = await SubscribeAsync(ackDeadlineSeconds: 60);
        var ids = await Task.WhenAll(Enumerable.Range(0, 300).Select(i => _client.Publisher.PublishOneAsync(_topic, Text($"m{i}"))));
        Assert.Equal(300, ids.Distinct().Count());
        Assert.Equal(300, (await PullAtLeastAsync(subscription, 300, "300 messages")).Count);
    }

    [Fact]
    public async Task A_message_over_the_limit_is_refused_before_anything_is_sent()
    {
        var subscription = await SubscribeAsync();
        var tooBig = new PubsubMessage { Data = ByteString.CopyFrom(new byte[PublishLimits.MaxMessageBytes + 1]) };
        await Assert.ThrowsAsync<PubSubLimitException>(() => _client.Publisher.PublishAsync(_topic, [Text("fine"), tooBig]));
        Assert.Empty(await _client.Subscriber.PullAsync(subscription, 10));
    }

    [Fact]
    public async Task StreamingPull_delivers_published_messages()
    {
        var subscription = await SubscribeAsync(ackDeadlineSeconds: 60);
        await _client.Publisher.PublishAsync(_topic, Enumerable.Range(0, 5).Select(i => Text($"s{i}")));

        using var cancel = new CancellationTokenSource();
        var received = new List<string>();
        await Await.Within(Task.Run(async () =>
        {
            await foreach (var message in _client.Subscriber.StreamingPullAsync(subscription, 60, cancellationToken: cancel.Token))
            {
                received.Add(message.Message.Data.ToStringUtf8());
                await _client.Subscriber.AcknowledgeAsync(subscription, [message.AckId]);
                if (received.Count == 5)
                {
                    break;
                }
            }
        }), "five messages over StreamingPull");
        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"s{i}").Order(), received.Order());
    }

    [Fact]
    public async Task Calls_to_an_unreachable_server_are_retried_then_fail_as_unavailable()
    {
        var settings = new PubSubClientSettings
        {
            ProjectId = PubSubServer.ProjectId,
            EmulatorHost = "127.0.0.1:1",
            Retry = new PubSubRetrySettings { MaxAttempts = 3, InitialBackoff = TimeSpan.FromMilliseconds(10), MaxBackoff = TimeSpan.FromMilliseconds(20) },
        };
        await using var client = PubSubClient.Create(settings);
        var error = await Await.Within(Assert.ThrowsAsync<RpcException>(() => client.Topics.GetAsync("anything")), "the retries to give up");
        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
    }

    [Fact]
    public async Task Invalid_names_fail_before_any_call()
    {
        var error = await Assert.ThrowsAsync<InvalidPubSubNameException>(() => _client.Topics.CreateAsync("goog-topic"));
        Assert.Equal("topic", error.Kind);
        Assert.Contains("reserved", error.Message);
    }
}
