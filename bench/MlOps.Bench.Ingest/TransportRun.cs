using System.Diagnostics;
using System.Text.Json;
using Google.Cloud.PubSub.V1;
using Google.Protobuf;
using MassTransit;
using MassTransit.Serialization;
using Microsoft.Extensions.DependencyInjection;
using MlOps.Contracts;
using MlOps.Platform.Messaging;
using MlOps.PubSub;

namespace MlOps.Bench.Ingest;

/// <summary>
/// The DriftWatcher host consuming prediction log entries from a transport until every one is consumed and
/// acknowledged. Over Pub/Sub the entries are published as raw bytes, as a log sink does, before the host
/// starts; the test server scans its whole backlog on every pull, so past <c>backlog</c> entries the rest
/// are published in refills whenever the backlog falls below a quarter of it. Time spent refilling is
/// counted apart, so the consume-only rate is the DriftWatcher's alone.
/// </summary>
public static class TransportRun
{
    private const int PublishBatch = 1000;
    private const int PublishesInFlight = 4;
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(10);

    public sealed record Result(long Entries, double Seconds, double ConsumeOnlyPerSecond, double InitialPublishPerSecond, long Malformed, long Faulted, double BytesPerEntry, MemorySamples Memory)
    {
        public double PerSecond => Entries / Seconds;
    }

    public static async Task<Result> PubSubAsync(LogEntryCorpus corpus, string artifactRoot, string pubSubHost, long entries, int backlog, long sampleEvery, bool batches = true)
    {
        var project = $"bench-{Guid.NewGuid():N}"[..20];
        await using var client = PubSubClient.Create(new PubSubClientSettings { ProjectId = project, EmulatorHost = pubSubHost, ReadEmulatorVariable = false });
        await client.Topics.CreateAsync(EndpointNames.PredictionLogs);
        await client.Subscriptions.CreateAsync(new PubSubSubscriptionSettings(EndpointNames.PredictionLogs, EndpointNames.PredictionLogs) { AckDeadlineSeconds = 60 });

        long published = 0;
        async Task PublishAsync(long upTo)
        {
            var inFlight = new List<Task>(PublishesInFlight);
            while (published < upTo)
            {
                var count = (int)Math.Min(PublishBatch, upTo - published);
                var batch = new PubsubMessage[count];
                for (var i = 0; i < count; i++)
                {
                    batch[i] = new PubsubMessage { Data = UnsafeByteOperations.UnsafeWrap(corpus[published + i]) };
                }

                published += count;
                inFlight.Add(client.Publisher.PublishAsync(EndpointNames.PredictionLogs, batch));
                if (inFlight.Count == PublishesInFlight)
                {
                    await Task.WhenAll(inFlight);
                    inFlight.Clear();
                }
            }

            await Task.WhenAll(inFlight);
        }

        var fill = Stopwatch.StartNew();
        await PublishAsync(Math.Min(entries, backlog));
        var initialRate = published / fill.Elapsed.TotalSeconds;
        Console.WriteLine($"  published the first {published:N0} entries at {initialRate:N0}/s; starting the DriftWatcher");

        await using var host = WatcherHost.Create(artifactRoot, pubSubHost, project, batches);
        return await ConsumeAsync(host, entries, sampleEvery, initialRate, async acked =>
        {
            if (published < entries && published - acked < backlog / 4)
            {
                await PublishAsync(Math.Min(entries, acked + backlog));
                return true;
            }

            return false;
        });
    }

    /// <summary>The reference: the same host on MassTransit's in-memory transport, fed by sends from this process.</summary>
    public static async Task<Result> InMemoryAsync(LogEntryCorpus corpus, string artifactRoot, long entries, int backlog, long sampleEvery)
    {
        var parsed = corpus.Entries.Select(e => JsonSerializer.Deserialize<PredictionLogEntry>(e, SystemTextJsonMessageSerializer.Options)!).ToArray();
        await using var host = WatcherHost.Create(artifactRoot, null, LogEntryCorpus.Project);
        long sent = 0;
        return await ConsumeAsync(host, entries, sampleEvery, 0, async acked =>
        {
            if (sent < entries && sent - acked < backlog / 4)
            {
                var endpoint = await host.Services.GetRequiredService<IBus>().GetSendEndpoint(new Uri($"queue:{EndpointNames.PredictionLogs}"));
                var upTo = Math.Min(entries, acked + backlog);
                while (sent < upTo)
                {
                    var count = (int)Math.Min(PublishBatch, upTo - sent);
                    await endpoint.SendBatch(Enumerable.Range(0, count).Select(i => parsed[(sent + i) % parsed.Length]).ToList());
                    sent += count;
                }

                return true;
            }

            return false;
        });
    }

    /// <summary>Starts the host and polls its ack count until all <paramref name="entries"/> are in; <paramref name="refill"/> says whether it published.</summary>
    private static async Task<Result> ConsumeAsync(WatcherHost host, long entries, long sampleEvery, double initialRate, Func<long, Task<bool>> refill)
    {
        var memory = new MemorySamples(sampleEvery);
        var allocated = GC.GetTotalAllocatedBytes();
        var clock = Stopwatch.StartNew();
        await host.StartAsync();
        memory.Take(0);
        var refilling = TimeSpan.Zero;
        long ackedWhileRefilling = 0;
        var progressEvery = Math.Max(entries / 10, 1);
        var nextProgress = progressEvery;
        while (host.Completed + host.Faulted < entries)
        {
            if (clock.Elapsed > Limit)
            {
                throw new TimeoutException($"only {host.Completed:N0} of {entries:N0} entries were acknowledged within {Limit} ({host.Monitor.Entries:N0} observed)");
            }

            var before = host.Completed;
            var started = clock.Elapsed;
            if (await refill(before))
            {
                refilling += clock.Elapsed - started;
                ackedWhileRefilling += host.Completed - before;
            }
            else
            {
                await Task.Delay(20);
            }

            var acked = host.Completed;
            memory.Maybe(acked);
            if (acked >= nextProgress)
            {
                Console.WriteLine($"  {acked:N0} acknowledged, {acked / clock.Elapsed.TotalSeconds:N0}/s so far");
                nextProgress = (acked / progressEvery + 1) * progressEvery;
            }
        }

        clock.Stop();
        memory.Take(host.Completed);
        var consumeOnly = (host.Completed - ackedWhileRefilling) / (clock.Elapsed - refilling).TotalSeconds;
        var perEntry = (GC.GetTotalAllocatedBytes() - allocated) / (double)host.Completed;
        return new Result(host.Completed, clock.Elapsed.TotalSeconds, consumeOnly, initialRate, host.Monitor.MalformedCount, host.Faulted, perEntry, memory);
    }
}
