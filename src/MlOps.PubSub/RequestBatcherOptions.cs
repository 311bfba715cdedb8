namespace MlOps.PubSub;

public sealed record RequestBatcherOptions
{
    public int MaxItemsPerRequest { get; init; } = PublishLimits.MaxMessagesPerRequest;

    public long MaxBytesPerRequest { get; init; } = PublishLimits.MaxRequestBytes;

    /// <summary>Requests in flight at once; while they are, new items gather into the next request.</summary>
    public int MaxConcurrentRequests { get; init; } = 4;
}
