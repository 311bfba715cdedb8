namespace MlOps.PubSub;

/// <summary>Backoff for calls that fail with UNAVAILABLE or DEADLINE_EXCEEDED.</summary>
public sealed record PubSubRetrySettings
{
    public int MaxAttempts { get; init; } = 6;

    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(10);

    public double Multiplier { get; init; } = 2.0;

    /// <summary>Deadline of one attempt; a Pull that waits for messages counts against it too.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(60);

    public static PubSubRetrySettings Default { get; } = new();
}
