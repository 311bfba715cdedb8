using System.Diagnostics;
using System.Text.Json;
using MassTransit.Serialization;
using MlOps.Contracts;
using MlOps.DriftWatcher.Monitoring;
using MlOps.DriftWatcher.Retraining;

namespace MlOps.Bench.Ingest;

/// <summary>One thread, entries back to back, no transport: what each step of the observation path costs.</summary>
public static class InProcessRuns
{
    public sealed record Rate(double EntriesPerSecond, double BytesPerEntry);

    /// <summary>The floor: every token of every entry read, nothing kept.</summary>
    public static Rate Tokenize(LogEntryCorpus corpus, long entries) => Measure(entries, i =>
    {
        var reader = new Utf8JsonReader(corpus[i]);
        while (reader.Read())
        {
        }
    });

    /// <summary>For comparison, what the consumer once read first: the entry deserialized into objects (≈4 KB an entry).</summary>
    public static Rate Deserialize(LogEntryCorpus corpus, long entries) => Measure(entries, i =>
        JsonSerializer.Deserialize<PredictionLogEntry>(corpus[i], SystemTextJsonMessageSerializer.Options));

    /// <summary>
    /// The DriftWatcher's whole observation path without the transport: the retry check, then the entry read
    /// straight from its bytes into the windows of its version.
    /// </summary>
    public static Rate Observe(LogEntryCorpus corpus, DriftMonitor monitor, RaisedAlerts raised, long entries, MemorySamples? memory = null) => Measure(entries, i =>
    {
        raised.For(Guid.NewGuid(), (monitor, corpus[i]), static s => s.monitor.Observe(s.Item2, out _));
        memory?.Maybe(i + 1);
    });

    private static Rate Measure(long entries, Action<long> step)
    {
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        for (long i = 0; i < entries; i++)
        {
            step(i);
        }

        clock.Stop();
        return new Rate(entries / clock.Elapsed.TotalSeconds, (GC.GetAllocatedBytesForCurrentThread() - allocated) / (double)entries);
    }
}
