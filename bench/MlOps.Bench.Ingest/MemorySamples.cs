using System.Diagnostics;

namespace MlOps.Bench.Ingest;

/// <summary>Working set and GC heap, sampled every so many entries: flat memory shows as peak ≈ start ≈ end.</summary>
public sealed class MemorySamples(long every)
{
    private readonly List<(long Entries, long WorkingSet, long Heap)> _samples = [];
    private long _next;

    public long Every => every;

    public IReadOnlyList<(long Entries, long WorkingSet, long Heap)> All => _samples;

    /// <summary>Samples when <paramref name="entries"/> has reached the next multiple of the interval; true when it sampled.</summary>
    public bool Maybe(long entries)
    {
        if (entries < _next)
        {
            return false;
        }

        Take(entries);
        _next = (entries / every + 1) * every;
        return true;
    }

    public void Take(long entries)
    {
        using var process = Process.GetCurrentProcess();
        _samples.Add((entries, process.WorkingSet64, GC.GetTotalMemory(forceFullCollection: false)));
    }

    public string Summary()
    {
        if (_samples.Count == 0)
        {
            return "no samples";
        }

        static string Mib(long bytes) => $"{bytes / 1048576.0:F0}";
        var first = _samples[0];
        var last = _samples[^1];
        return $"working set MiB start {Mib(first.WorkingSet)} / peak {Mib(_samples.Max(s => s.WorkingSet))} / end {Mib(last.WorkingSet)}; "
            + $"GC heap MiB start {Mib(first.Heap)} / peak {Mib(_samples.Max(s => s.Heap))} / end {Mib(last.Heap)} ({_samples.Count} samples, every {every:N0} entries)";
    }
}
