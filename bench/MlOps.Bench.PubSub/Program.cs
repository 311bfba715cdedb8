// End-to-end MassTransit throughput (publish → consume → ack) over the Pub/Sub server against the
// in-memory transport measured in the same run. Usage: MlOps.Bench.PubSub [messages per run] [rounds]
using MlOps.Bench.PubSub;
using MlOps.Testing;

var count = args.Length > 0 ? int.Parse(args[0]) : 20_000;
var rounds = args.Length > 1 ? int.Parse(args[1]) : 5;
if (count is < 1 or > 200_000 || rounds is < 1 or > 20)
{
    Console.Error.WriteLine("messages per run must be 1-200000 and rounds 1-20");
    return 2;
}

await using var server = await PubSubTestServer.StartAsync();
Console.WriteLine($"Pub/Sub server {server.Host}; {count} messages per run, {rounds} rounds (plus a warm-up), {Environment.ProcessorCount} cores");

await EndToEndRun.MessagesPerSecondAsync("inmemory", null, Math.Min(count, 5000));
await EndToEndRun.MessagesPerSecondAsync("pubsub", server.Host, Math.Min(count, 5000));

var results = new Dictionary<string, List<double>> { ["inmemory"] = [], ["pubsub"] = [] };
for (var round = 1; round <= rounds; round++)
{
    foreach (var transport in results.Keys)
    {
        var rate = await EndToEndRun.MessagesPerSecondAsync(transport, server.Host, count);
        results[transport].Add(rate);
        Console.WriteLine($"round {round} {transport,-9} {rate,10:N0} msg/s");
    }
}

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
}

var pubsub = Median(results["pubsub"]);
var inMemory = Median(results["inmemory"]);
Console.WriteLine();
Console.WriteLine($"median Pub/Sub    {pubsub,10:N0} msg/s");
Console.WriteLine($"median in-memory  {inMemory,10:N0} msg/s");
Console.WriteLine($"Pub/Sub / in-memory = {pubsub / inMemory:0.00}");
return 0;
