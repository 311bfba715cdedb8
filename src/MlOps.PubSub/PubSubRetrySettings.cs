using System.Collections.Frozen;
using Grpc.Core;

namespace MlOps.PubSub;

/// <summary>Backoff for calls that fail with a retryable status, and for the receive loops that retry
/// after a failure. Which statuses are retryable is not a setting but Google's rule per method: <see cref="Retries"/>.</summary>
public sealed record PubSubRetrySettings
{
    // Google's service config for the Pub/Sub API (googleapis google/pubsub/v1/pubsub_grpc_service_config.json,
    // as of its 2026-04 revision): each method's retryableStatusCodes.
    private static readonly FrozenSet<StatusCode> UnavailableOnly = [StatusCode.Unavailable];
    private static readonly FrozenSet<StatusCode> Reads = [StatusCode.Unknown, StatusCode.Aborted, StatusCode.Unavailable];
    private static readonly FrozenSet<StatusCode> PullStatuses = [StatusCode.Unknown, StatusCode.Aborted, StatusCode.Unavailable, StatusCode.Internal];
    private static readonly FrozenSet<StatusCode> StreamingPullStatuses =
        [StatusCode.DeadlineExceeded, StatusCode.ResourceExhausted, StatusCode.Aborted, StatusCode.Internal, StatusCode.Unavailable];
    private static readonly FrozenSet<StatusCode> PublishStatuses =
    [
        StatusCode.Aborted, StatusCode.Cancelled, StatusCode.Internal, StatusCode.ResourceExhausted,
        StatusCode.Unknown, StatusCode.Unavailable, StatusCode.DeadlineExceeded,
    ];

    public int MaxAttempts { get; init; } = 6;

    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(10);

    public double Multiplier { get; init; } = 2.0;

    /// <summary>Deadline of one attempt; a Pull that waits for messages counts against it too.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(60);

    public static PubSubRetrySettings Default { get; } = new();

    /// <summary>The wait after <paramref name="backoff"/>: <see cref="Multiplier"/> times longer, at most <see cref="MaxBackoff"/>.</summary>
    public TimeSpan Next(TimeSpan backoff) => TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, (long)(backoff.Ticks * Multiplier)));

    /// <summary>Whether a call of <paramref name="method"/> that failed with <paramref name="status"/> is tried again
    /// (for StreamingPull: whether the stream is reopened), as Google's service config for Pub/Sub says.</summary>
    public static bool Retries(PubSubMethod method, StatusCode status) => RetryableStatuses(method).Contains(status);

    private static FrozenSet<StatusCode> RetryableStatuses(PubSubMethod method) => method switch
    {
        PubSubMethod.Publish => PublishStatuses,
        PubSubMethod.Pull => PullStatuses,
        PubSubMethod.StreamingPull => StreamingPullStatuses,
        PubSubMethod.GetTopic or PubSubMethod.CreateSubscription or PubSubMethod.GetSubscription => Reads,
        PubSubMethod.CreateTopic or PubSubMethod.DeleteTopic or PubSubMethod.DeleteSubscription
            or PubSubMethod.Acknowledge or PubSubMethod.ModifyAckDeadline => UnavailableOnly,
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, "not a Pub/Sub method this client calls"),
    };
}
