using System.Net;
using System.Net.Sockets;

namespace MlOps.Platform.Net;

public static class LoopbackPort
{
    /// <summary>A port on 127.0.0.1 that was free a moment ago, for a server that must know its address before it starts.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
