using MassTransit;
using MlOps.PubSub.Tests.Conformance.Messages;

namespace MlOps.PubSub.Tests.Conformance;

public abstract partial class TransportConformanceTests
{
    [Fact]
    public async Task Raw_json_sent_to_a_topic_is_consumed_as_a_typed_message()
    {
        var entries = new Received<LogEntry>();
        var bus = await StartBusAsync((_, cfg) =>
        {
            cfg.AddRawJsonSerializer();
            cfg.Send<LogEntry>(s => s.UseSerializer("application/json"));
            cfg.ReceiveEndpoint(Name("prediction-logs"), e =>
            {
                e.ConfigureConsumeTopology = false;
                e.UseRawJsonDeserializer(isDefault: true);
                e.Handler<LogEntry>(entries.Handle);
            });
        });
        var entry = new LogEntry("v3", 0.87, new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));

        await (await bus.GetSendEndpoint(new Uri($"topic:{Name("prediction-logs")}"))).Send(entry);

        await entries.WaitForCount(1, "the raw JSON log entry");
        Assert.Equal(entry, entries.Messages[0]);
        Assert.Equal("application/json", entries.Contexts[0].ReceiveContext.ContentType?.MediaType);
    }
}
