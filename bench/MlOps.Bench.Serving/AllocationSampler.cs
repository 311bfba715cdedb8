using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

/// <summary>The runtime's allocation ticks (one per ~100 KB allocated), tallied by type: where a request's bytes go.</summary>
internal sealed class AllocationSampler : EventListener
{
    private readonly ConcurrentDictionary<string, long> _bytes = new();

    public IReadOnlyList<KeyValuePair<string, long>> Top(int count) => [.. _bytes.OrderByDescending(x => x.Value).Take(count)];

    public void Reset() => _bytes.Clear();

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(source, EventLevel.Verbose, (EventKeywords)0x1);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (e.EventName == "GCAllocationTick_V4" || e.EventName?.StartsWith("GCAllocationTick", StringComparison.Ordinal) == true)
        {
            var type = e.Payload?[e.PayloadNames!.IndexOf("TypeName")] as string ?? "?";
            var amount = Convert.ToInt64(e.Payload![e.PayloadNames!.IndexOf("AllocationAmount64")]);
            _bytes.AddOrUpdate(type, amount, (_, v) => v + amount);
        }
    }
}
