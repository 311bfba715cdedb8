using System.Net;
using System.Net.Sockets;
using MlOps.Platform.Net;

namespace MlOps.Services.Tests.Hosting;

/// <summary>Ports handed to servers before they start: never twice, and never where outgoing connections take theirs.</summary>
public sealed class LoopbackPortTests
{
    [Fact]
    public void Ports_are_never_handed_out_twice_and_lie_below_the_ephemeral_range()
    {
        var ephemeralLow = File.Exists("/proc/sys/net/ipv4/ip_local_port_range")
            ? int.Parse(File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)[0], System.Globalization.CultureInfo.InvariantCulture)
            : 49_152;

        var ports = Enumerable.Range(0, 300).Select(_ => LoopbackPort.Free()).ToList();

        Assert.Equal(ports.Count, ports.Distinct().Count());
        Assert.All(ports, p => Assert.InRange(p, 10_000, ephemeralLow - 1));
        using var listener = new TcpListener(IPAddress.Loopback, ports[^1]);
        listener.Start();
    }
}
