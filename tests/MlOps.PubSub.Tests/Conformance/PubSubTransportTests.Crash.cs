using System.Collections.Concurrent;
using System.Diagnostics;
using MassTransit;
using MlOps.PubSub.TestConsumer;
using MlOps.PubSub.Tests.Infrastructure;

namespace MlOps.PubSub.Tests.Conformance;

public sealed partial class PubSubTransportTests
{
    [Fact]
    public async Task Messages_held_by_a_killed_consumer_process_are_delivered_to_the_next_one()
    {
        var endpoint = Name("crash");
        // The subscription's real deadline is short so that the test is; the consumers are configured with the default.
        var ackDeadline = Math.Max(2, server.MinAckDeadlineSeconds);
        await server.CreateSubscriptionDirectlyAsync(endpoint, endpoint, ackDeadline);
        using var consumer = StartConsumerProcess(endpoint, PubSubSubscriptions.DefaultAckDeadlineSeconds);
        await Await.Within(consumer.WaitForLine("ready"), "the consumer process to start");
        var sender = await StartBusAsync((_, _) => { });
        var items = Enumerable.Range(1, 5).Select(i => new WorkItem(Guid.NewGuid(), i)).ToList();

        await (await sender.GetSendEndpoint(Queue("crash"))).SendBatch(items);
        await Await.Within(consumer.WaitForLine("consuming "), "the consumer process to take a message");
        consumer.Kill();

        var received = new ConcurrentDictionary<Guid, WorkItem>();
        await StartBusAsync((_, cfg) => cfg.ReceiveEndpoint(endpoint, e =>
        {
            e.Handler<WorkItem>(context =>
            {
                received.TryAdd(context.Message.Id, context.Message);
                return Task.CompletedTask;
            });
        }));
        await Await.Until(() => received.Count == items.Count, "every message, including those the killed process held", TimeSpan.FromSeconds(ackDeadline * 3 + 30));
        Assert.Equal(items.Select(i => i.Id).Order(), received.Keys.Order());
    }

    private ConsumerProcess StartConsumerProcess(string endpoint, int ackDeadlineSeconds)
    {
        // The consumer runs from its own build output, with its own runtimeconfig and dependencies
        // (the test host also loads ASP.NET Core's shared framework, the consumer does not).
        var sep = Path.DirectorySeparatorChar;
        var dll = Path.Combine(
            AppContext.BaseDirectory.Replace($"{sep}MlOps.PubSub.Tests{sep}", $"{sep}MlOps.PubSub.TestConsumer{sep}"),
            "MlOps.PubSub.TestConsumer.dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException("the test consumer is not built; build tests/MlOps.PubSub.TestConsumer", dll);
        }

        var start = new ProcessStartInfo("dotnet", [dll, server.Host, PubSubServer.ProjectId, Prefix, endpoint, ackDeadlineSeconds.ToString()])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        return new ConsumerProcess(Process.Start(start) ?? throw new InvalidOperationException("Could not start the test consumer process."));
    }

    private sealed class ConsumerProcess : IDisposable
    {
        private readonly Process _process;
        private readonly ConcurrentQueue<string> _lines = new();

        public ConsumerProcess(Process process)
        {
            _process = process;
            _process.OutputDataReceived += (_, e) =>
            {
                if (e.Data is not null)
                {
                    _lines.Enqueue(e.Data);
                }
            };
            _process.BeginOutputReadLine();
        }

        public Task WaitForLine(string prefix) => Task.Run(async () =>
        {
            while (!_lines.Any(l => l.StartsWith(prefix, StringComparison.Ordinal)))
            {
                if (_process.HasExited)
                {
                    throw new InvalidOperationException($"The consumer process exited ({_process.ExitCode}): {await _process.StandardError.ReadToEndAsync()}");
                }

                await Task.Delay(20);
            }
        });

        public void Kill()
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                Kill();
            }

            _process.Dispose();
        }
    }
}
