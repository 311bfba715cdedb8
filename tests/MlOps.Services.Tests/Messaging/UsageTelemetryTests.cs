using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using MlOps.Platform.Messaging;

namespace MlOps.Services.Tests.Messaging;

public sealed class UsageTelemetryTests
{
    [Theory]
    [InlineData("InMemory")]
    [InlineData("PubSub")]
    public void The_composed_bus_sends_no_usage_telemetry_to_masstransits_server(string transport)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["MlOps:Transport"] = transport,
            ["MlOps:PubSub:ProjectId"] = "mlops-local",
            ["MlOps:PubSub:EmulatorHost"] = "127.0.0.1:1",
        });
        builder.AddMessageBus();
        using var host = builder.Build();

        Assert.False(host.Services.GetRequiredService<IOptions<UsageTelemetryOptions>>().Value.Enabled);
    }
}
