using Microsoft.Extensions.DependencyInjection;
using MlOps.Bench.Ingest;
using MlOps.DriftWatcher.Monitoring;
using MlOps.DriftWatcher.Retraining;
using MlOps.Testing;

// DriftWatcher ingest: entries/s of its observation path in process, and of the whole DriftWatcher consuming
// real-shaped log-sink LogEntries from the Pub/Sub test server, with memory sampled along the way. References
// measured in the same run: reading the same JSON alone (the floor), deserializing it, and the same host on
// MassTransit's in-memory transport.
var entries = Arg("--entries", 5_000_000L);
var inProcess = Arg("--in-process-entries", 1_000_000L);
var reference = Arg("--reference-entries", 300_000L);
// The test server scans a subscription's whole backlog on every pull (Pub/Sub itself does not), so a large
// backlog measures the server: at 200,000 a pull of 1000 took ~150 ms, at 20,000 it no longer dominates.
var backlog = (int)Arg("--backlog", 20_000L);
var sampleEvery = Arg("--sample-every", 250_000L);
var repeats = (int)Arg("--repeats", 3L);
var distinct = (int)Arg("--distinct", 20_000L);
Console.WriteLine($"DriftWatcher ingest: {entries:N0} entries over Pub/Sub, {inProcess:N0} in process × {repeats}, {reference:N0} over the in-memory transport; {Environment.ProcessorCount} cores");

using var artifacts = new TempDirectory("mlops-bench-ingest");
var corpus = LogEntryCorpus.Create(artifacts.Path, distinct);
Console.WriteLine($"{distinct:N0} distinct LogEntries, {corpus.Bytes / (double)distinct:F0} bytes each on average, package {corpus.PackageUri}");

await using var offline = WatcherHost.Create(artifacts.Path, null, LogEntryCorpus.Project);
var monitor = offline.Services.GetRequiredService<DriftMonitor>();
var raised = offline.Services.GetRequiredService<RaisedAlerts>();
InProcessRuns.Observe(corpus, monitor, raised, Math.Min(inProcess, 50_000));

var tokenize = new List<InProcessRuns.Rate>();
var deserialize = new List<InProcessRuns.Rate>();
var path = new List<InProcessRuns.Rate>();
var pathMemory = new MemorySamples(Math.Max(inProcess / 10, 1));
for (var r = 0; r < repeats; r++)
{
    tokenize.Add(InProcessRuns.Tokenize(corpus, inProcess));
    deserialize.Add(InProcessRuns.Deserialize(corpus, inProcess));
    path.Add(InProcessRuns.Observe(corpus, monitor, raised, inProcess, r == repeats - 1 ? pathMemory : null));
    Console.WriteLine($"in process run {r + 1}: read JSON {tokenize[^1].EntriesPerSecond:N0}/s, deserialize {deserialize[^1].EntriesPerSecond:N0}/s, observe from the bytes {path[^1].EntriesPerSecond:N0}/s");
}

if (args.Contains("--in-process-only"))
{
    return 0;
}

Console.WriteLine($"in-memory transport reference, {reference:N0} entries");
var inMemory = await TransportRun.InMemoryAsync(corpus, artifacts.Path, reference, backlog, Math.Max(reference / 5, 1));
Console.WriteLine($"  {inMemory.PerSecond:N0}/s; {inMemory.Memory.Summary()}");

await using var server = await PubSubTestServer.StartAsync();
Console.WriteLine($"Pub/Sub test server {server.Host}, {entries:N0} entries, backlog {backlog:N0}");
var pubsub = await TransportRun.PubSubAsync(corpus, artifacts.Path, server.Host, entries, backlog, sampleEvery);
Console.WriteLine($"  {pubsub.PerSecond:N0}/s overall, {pubsub.ConsumeOnlyPerSecond:N0}/s while not refilling; {pubsub.Memory.Summary()}");
Console.WriteLine($"the same over the MassTransit consumer (DriftWatcher:PullLogsInBatches=false), {reference:N0} entries");
var consumer = await TransportRun.PubSubAsync(corpus, artifacts.Path, server.Host, reference, backlog, Math.Max(reference / 5, 1), batches: false);
Console.WriteLine($"  {consumer.PerSecond:N0}/s overall, {consumer.ConsumeOnlyPerSecond:N0}/s while not refilling");

var floor = Median(tokenize.Select(x => x.EntriesPerSecond));
var observation = Median(path.Select(x => x.EntriesPerSecond));
Console.WriteLine();
Console.WriteLine("| | entries/s | bytes allocated / entry (transport rows: whole process, refills included) | ÷ reading the JSON |");
Console.WriteLine("|---|---|---|---|");
Row("reading the JSON alone (floor)", tokenize);
Row("deserializing into PredictionLogEntry (what the consumer read first before)", deserialize);
Row("**observation path**: retry check + the entry read from its bytes into the windows", path);
Console.WriteLine($"| DriftWatcher host, MassTransit in-memory transport ({inMemory.Entries:N0}), sends included | {inMemory.PerSecond:N0} | {inMemory.BytesPerEntry:N0} | {inMemory.PerSecond / floor:F3} |");
Console.WriteLine($"| **DriftWatcher host over Pub/Sub** ({pubsub.Entries:N0}), overall | {pubsub.PerSecond:N0} | {pubsub.BytesPerEntry:N0} | {pubsub.PerSecond / floor:F3} |");
Console.WriteLine($"| the same, consume-only (refills excluded) | {pubsub.ConsumeOnlyPerSecond:N0} | | {pubsub.ConsumeOnlyPerSecond / floor:F3} |");
Console.WriteLine($"| DriftWatcher host over Pub/Sub, MassTransit consumer ({consumer.Entries:N0}), consume-only | {consumer.ConsumeOnlyPerSecond:N0} | {consumer.BytesPerEntry:N0} | {consumer.ConsumeOnlyPerSecond / floor:F3} |");
Console.WriteLine();
Console.WriteLine($"Pub/Sub batches ÷ in-memory transport: {pubsub.ConsumeOnlyPerSecond / inMemory.PerSecond:F2}; ÷ Pub/Sub MassTransit consumer: {pubsub.ConsumeOnlyPerSecond / consumer.ConsumeOnlyPerSecond:F2}; ÷ observation path: {pubsub.ConsumeOnlyPerSecond / observation:F3}");
Console.WriteLine($"targets: observation path ≥ 200,000/s: {Met(observation >= 200_000)}; Pub/Sub ≥ 30,000/s: {Met(pubsub.ConsumeOnlyPerSecond >= 30_000)}");
Console.WriteLine($"memory over Pub/Sub: {pubsub.Memory.Summary()}");
Console.WriteLine($"memory in process (last run): {pathMemory.Summary()}");
Console.WriteLine($"set aside as malformed: {pubsub.Malformed:N0}; receive faults: {pubsub.Faulted:N0}; initial publish {pubsub.InitialPublishPerSecond:N0}/s");
return 0;

void Row(string name, List<InProcessRuns.Rate> rates)
{
    var rate = Median(rates.Select(x => x.EntriesPerSecond));
    Console.WriteLine($"| {name} | {rate:N0} | {Median(rates.Select(x => x.BytesPerEntry)):N0} | {rate / floor:F3} |");
}

static string Met(bool met) => met ? "met" : "not met";

static double Median(IEnumerable<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
}

long Arg(string name, long fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? long.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture) : fallback;
}
