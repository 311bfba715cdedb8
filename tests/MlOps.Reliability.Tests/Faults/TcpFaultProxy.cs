using System.Net;
using System.Net.Sockets;

namespace MlOps.Reliability.Tests.Faults;

/// <summary>
/// A TCP relay on loopback in front of a server (the Pub/Sub server, PostgreSQL) that can make the
/// server unreachable for a while: every open connection is reset and new ones are refused, as when
/// the server restarts or the network to it drops; afterwards it relays again, the server's state intact.
/// </summary>
public sealed class TcpFaultProxy : IAsyncDisposable
{
    private readonly IPEndPoint _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<(TcpClient Client, TcpClient Server)> _pairs = [];
    private TcpListener? _listener;
    private Task _accepting = Task.CompletedTask;

    private TcpFaultProxy(IPEndPoint target, int port)
    {
        _target = target;
        Port = port;
    }

    public int Port { get; }

    /// <summary><c>127.0.0.1:port</c>, what clients are given instead of the server's address.</summary>
    public string Address => $"127.0.0.1:{Port}";

    public static TcpFaultProxy Start(string host, int port)
    {
        var proxy = new TcpFaultProxy(new IPEndPoint(IPAddress.Parse(host == "localhost" ? "127.0.0.1" : host), port), LoopbackPort.Free());
        proxy.Listen();
        return proxy;
    }

    /// <summary>Resets every connection and refuses new ones for <paramref name="outage"/>, then relays again.</summary>
    public async Task CutAsync(TimeSpan outage)
    {
        _listener?.Stop();
        await _accepting;
        lock (_pairs)
        {
            foreach (var (client, server) in _pairs)
            {
                Reset(client);
                Reset(server);
            }

            _pairs.Clear();
        }

        await Task.Delay(outage);
        Listen();
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener?.Stop();
        await _accepting;
        lock (_pairs)
        {
            foreach (var (client, server) in _pairs)
            {
                client.Dispose();
                server.Dispose();
            }
        }

        _stop.Dispose();
    }

    private void Listen()
    {
        _listener = new TcpListener(IPAddress.Loopback, Port);
        _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Start();
        _accepting = AcceptAsync(_listener);
    }

    private async Task AcceptAsync(TcpListener listener)
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
            {
                return;
            }

            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        var server = new TcpClient { NoDelay = true };
        client.NoDelay = true;
        try
        {
            await server.ConnectAsync(_target, _stop.Token);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            Reset(client);
            server.Dispose();
            return;
        }

        lock (_pairs)
        {
            _pairs.Add((client, server));
        }

        await Task.WhenAny(CopyAsync(client, server), CopyAsync(server, client));
        lock (_pairs)
        {
            _pairs.Remove((client, server));
        }

        client.Dispose();
        server.Dispose();
    }

    private async Task CopyAsync(TcpClient from, TcpClient to)
    {
        try
        {
            await from.GetStream().CopyToAsync(to.GetStream(), _stop.Token);
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
        {
        }
    }

    private static void Reset(TcpClient connection)
    {
        try
        {
            connection.Client.LingerState = new LingerOption(true, 0);
            connection.Client.Close();
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }
    }
}
