/// <summary>What <see cref="CeilingHost.HeapRoute"/> answers: the server's allocations and collections so far.</summary>
internal sealed record HeapStats(long AllocatedBytes, int Gen0, int Gen1, int Gen2, double PauseMs);
