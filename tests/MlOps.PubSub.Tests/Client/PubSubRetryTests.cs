using Google.Cloud.PubSub.V1;
using Google.Protobuf;
using Grpc.Core;
using MlOps.PubSub.Tests.Infrastructure;

namespace MlOps.PubSub.Tests.Client;

/// <summary>The client retries a failed call exactly when its method's rule says so, against a server that fails once.</summary>
public sealed class PubSubRetryTests(FakePubSubServer server) : IClassFixture<FakePubSubServer>, IAsyncLifetime
{
    private PubSubClient _client = null!;

    public static TheoryData<PubSubMethod> UnaryMethods => [.. Enum.GetValues<PubSubMethod>().Where(m => m != PubSubMethod.StreamingPull)];

    public Task InitializeAsync()
    {
        server.Reset();
        _client = server.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _client.DisposeAsync();

    [Theory]
    [MemberData(nameof(UnaryMethods))]
    public async Task A_call_failing_once_is_tried_again_exactly_when_its_rule_retries_the_status(PubSubMethod method)
    {
        var wrong = new List<string>();
        foreach (var status in Enum.GetValues<StatusCode>().Where(s => s != StatusCode.OK))
        {
            server.Reset();
            server.FailNext(method, status);

            var error = await Record.ExceptionAsync(() => Await.Within(CallAsync(method), $"{method} after {status}"));

            var retried = PubSubRetrySettings.Retries(method, status);
            if (server.Attempts(method) != (retried ? 2 : 1) || (retried && error is not null))
            {
                wrong.Add($"{status}: {server.Attempts(method)} attempt(s), {error?.GetType().Name ?? "no error"}; expected {(retried ? "a retry that succeeds" : "no retry")}");
            }
        }
        Assert.True(wrong.Count == 0, $"{method}:\n{string.Join("\n", wrong)}");
    }

    [Fact]
    public async Task A_streaming_pull_ended_by_INTERNAL_is_reopened()
    {
        server.FailNext(PubSubMethod.StreamingPull, StatusCode.Internal);

        var first = await Await.Within(FirstStreamedAsync(), "a message from the reopened stream");

        Assert.Equal("streamed", first.Message.Data.ToStringUtf8());
        Assert.Equal(2, server.Attempts(PubSubMethod.StreamingPull));
    }

    [Fact]
    public async Task A_streaming_pull_ended_by_a_status_its_rule_does_not_retry_fails()
    {
        server.FailNext(PubSubMethod.StreamingPull, StatusCode.Unknown);

        var error = await Await.Within(Assert.ThrowsAsync<RpcException>(FirstStreamedAsync), "the stream to fail");

        Assert.Equal(StatusCode.Unknown, error.StatusCode);
        Assert.Equal(1, server.Attempts(PubSubMethod.StreamingPull));
    }

    private async Task<ReceivedMessage> FirstStreamedAsync()
    {
        using var cancel = new CancellationTokenSource();
        await foreach (var message in _client.Subscriber.StreamingPullAsync("orders", 60, cancellationToken: cancel.Token))
        {
            await cancel.CancelAsync();
            return message;
        }

        throw new InvalidOperationException("the stream ended without a message");
    }

    private Task CallAsync(PubSubMethod method) => method switch
    {
        PubSubMethod.CreateTopic => _client.Topics.CreateAsync("orders"),
        PubSubMethod.GetTopic => _client.Topics.GetAsync("orders"),
        PubSubMethod.DeleteTopic => _client.Topics.DeleteAsync("orders"),
        PubSubMethod.Publish => _client.Publisher.PublishAsync("orders", [new PubsubMessage { Data = ByteString.CopyFromUtf8("m1") }]),
        PubSubMethod.CreateSubscription => _client.Subscriptions.CreateAsync(new PubSubSubscriptionSettings("orders", "orders")),
        PubSubMethod.GetSubscription => _client.Subscriptions.GetAsync("orders"),
        PubSubMethod.DeleteSubscription => _client.Subscriptions.DeleteAsync("orders"),
        PubSubMethod.Pull => _client.Subscriber.PullAsync("orders", 10),
        PubSubMethod.Acknowledge => _client.Subscriber.AcknowledgeAsync("orders", ["ack-1"]),
        PubSubMethod.ModifyAckDeadline => _client.Subscriber.ModifyAckDeadlineAsync("orders", ["ack-1"], 30),
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, "not a unary method"),
    };
}
