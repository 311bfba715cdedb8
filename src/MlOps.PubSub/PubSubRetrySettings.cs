namespace MlOps.PubSub;

/// <summary>Backoff for calls that fail with a retryable status, and for the receive loops that retry after a failure.</summary>
public sealed record PubSubRetrySettings
{
    public int MaxAttempts { get; init; } = 6;

    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(10);

    public double Multiplier { get; init; } = 2.0;

    /// <summary>Deadline of one attempt; a Pull that waits for messages counts against it too.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(60);

    public static PubSubRetrySettings Default { get; } = new();

    /// <summary>The wait after <paramref name="backoff"/>: <see cref="Multiplier"/> times longer, at most <see cref="MaxBackoff"/>.</summary>
    public TimeSpan Next(TimeSpan backoff) => TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, (long)(backoff.Ticks * Multiplier)));
}
