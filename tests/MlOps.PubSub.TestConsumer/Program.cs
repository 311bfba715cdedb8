// A consumer process for the crash test: it takes WorkItems from a Pub/Sub endpoint and hangs in
// the consumer until it is killed. Arguments: <emulator host:port> <project> <topic prefix> <endpoint> <ack deadline seconds>
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using MlOps.PubSub.TestConsumer;
using MlOps.Transport.PubSub.Topology;

if (args.Length != 5)
{
    Console.Error.WriteLine("usage: MlOps.PubSub.TestConsumer <emulator host:port> <project> <topic prefix> <endpoint> <ack deadline seconds>");
    return 2;
}
var (emulator, project, prefix, endpoint, ackDeadline) = (args[0], args[1], args[2], args[3], int.Parse(args[4]));

var services = new ServiceCollection();
services.AddMassTransit(x =>
{
    x.AddConsumer<HangingWorkConsumer>();
    x.UsingGooglePubSub((context, cfg) =>
    {
        cfg.Host(project, emulator);
        cfg.MessageTopology.SetEntityNameFormatter(new PrefixEntityNameFormatter(PubSubEntityNameFormatter.Instance, prefix));
        cfg.ReceiveEndpoint(endpoint, e =>
        {
            e.AckDeadline = TimeSpan.FromSeconds(ackDeadline);
            e.PrefetchCount = 4;
            e.ConfigureConsumer<HangingWorkConsumer>(context);
        });
    });
});
await using var provider = services.BuildServiceProvider();
var bus = provider.GetRequiredService<IBusControl>();
await bus.StartAsync(new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);
Console.WriteLine("ready");
await Task.Delay(Timeout.Infinite);
return 0;
