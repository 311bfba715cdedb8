using System.Net;
using System.Net.Sockets;

namespace MlOps.Platform.Net;

public static class LoopbackPort
{
    private const int Floor = 10_000;
    private const string EphemeralRangeFile = "/proc/sys/net/ipv4/ip_local_port_range";
    private static readonly HashSet<int> HandedOut = [];
    private static readonly Lazy<int> EphemeralLow = new(ReadEphemeralLow);

    /// <summary>
    /// A port on 127.0.0.1 that was free a moment ago, for a server that must know its address before it starts.
    /// It is taken from below the range the system gives outgoing connections (and port 0) their ports from, so
    /// that no connection made meanwhile can take it before the server binds it, and never twice in one process.
    /// </summary>
    public static int Free()
    {
        var low = EphemeralLow.Value;
        for (var attempt = 0; low - Floor >= 1_000 && attempt < 200; attempt++)
        {
            var port = Random.Shared.Next(Floor, low);
            lock (HandedOut)
            {
                if (!HandedOut.Add(port))
                {
                    continue;
                }
            }

            if (Bindable(port))
            {
                return port;
            }
        }

        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool Bindable(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>The first port of Linux's ephemeral range; elsewhere IANA's (49152), which Windows and macOS use.</summary>
    private static int ReadEphemeralLow()
    {
        try
        {
            if (File.Exists(EphemeralRangeFile)
                && File.ReadAllText(EphemeralRangeFile).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries) is [var first, ..]
                && int.TryParse(first, System.Globalization.CultureInfo.InvariantCulture, out var low))
            {
                return low;
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return 49_152;
    }
}
