using Grpc.Core;

namespace MlOps.PubSub.Tests.Client;

/// <summary>The retryable statuses per method, as googleapis' google/pubsub/v1/pubsub_grpc_service_config.json lists them.</summary>
public sealed class PubSubRetryRuleTests
{
    [Theory]
    [InlineData(PubSubMethod.Publish, new[] { StatusCode.Aborted, StatusCode.Cancelled, StatusCode.Internal, StatusCode.ResourceExhausted, StatusCode.Unknown, StatusCode.Unavailable, StatusCode.DeadlineExceeded })]
    [InlineData(PubSubMethod.Pull, new[] { StatusCode.Unknown, StatusCode.Aborted, StatusCode.Unavailable, StatusCode.Internal })]
    [InlineData(PubSubMethod.StreamingPull, new[] { StatusCode.DeadlineExceeded, StatusCode.ResourceExhausted, StatusCode.Aborted, StatusCode.Internal, StatusCode.Unavailable })]
    [InlineData(PubSubMethod.Acknowledge, new[] { StatusCode.Unavailable })]
    [InlineData(PubSubMethod.ModifyAckDeadline, new[] { StatusCode.Unavailable })]
    [InlineData(PubSubMethod.CreateTopic, new[] { StatusCode.Unavailable })]
    [InlineData(PubSubMethod.DeleteTopic, new[] { StatusCode.Unavailable })]
    [InlineData(PubSubMethod.GetTopic, new[] { StatusCode.Unknown, StatusCode.Aborted, StatusCode.Unavailable })]
    [InlineData(PubSubMethod.CreateSubscription, new[] { StatusCode.Unknown, StatusCode.Aborted, StatusCode.Unavailable })]
    [InlineData(PubSubMethod.GetSubscription, new[] { StatusCode.Unknown, StatusCode.Aborted, StatusCode.Unavailable })]
    [InlineData(PubSubMethod.DeleteSubscription, new[] { StatusCode.Unavailable })]
    public void Each_method_retries_exactly_the_statuses_of_Googles_service_config(PubSubMethod method, StatusCode[] retryable)
    {
        foreach (var status in Enum.GetValues<StatusCode>())
        {
            Assert.True(PubSubRetrySettings.Retries(method, status) == retryable.Contains(status),
                $"{method} on {status}: expected {(retryable.Contains(status) ? "a retry" : "no retry")}");
        }
    }

    [Fact]
    public void Every_method_the_client_calls_has_a_rule() =>
        Assert.All(Enum.GetValues<PubSubMethod>(), method => PubSubRetrySettings.Retries(method, StatusCode.Unavailable));
}
