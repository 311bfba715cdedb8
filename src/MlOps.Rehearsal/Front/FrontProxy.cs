using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Forwarder;

namespace MlOps.Rehearsal.Front;

/// <summary>
/// What Cloud Run puts in front of a service's instances, run here: one URL, requests spread
/// round-robin over the replicas that are in, a replica that refuses connections skipped (the
/// request goes to the next one; nothing had reached the refusing replica), and a request that
/// breaks on a replica mid-flight failed back to the client, as Cloud Run fails requests in flight
/// on an instance that dies. Forwarding is YARP's.
/// </summary>
public sealed class FrontProxy : IAsyncDisposable
{
    /// <summary>How long a replica that refused a connection is left out before it is tried again.</summary>
    public static readonly TimeSpan RefusedPause = TimeSpan.FromSeconds(1);

    private const long MaxBufferedBody = 32 * 1024 * 1024;

    private readonly WebApplication _app;
    private readonly HttpMessageInvoker _client;
    private readonly IHttpForwarder _forwarder;
    private readonly HttpTransformer _transformer;
    private readonly ConcurrentQueue<FrontFailure> _failures = new();
    private volatile FrontReplica[] _replicas = [];
    private long _next;

    private FrontProxy(WebApplication app, int port, HttpTransformer transformer)
    {
        _app = app;
        _transformer = transformer;
        Url = $"http://127.0.0.1:{port}";
        _forwarder = app.Services.GetRequiredService<IHttpForwarder>();
        _client = new HttpMessageInvoker(new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            ConnectTimeout = TimeSpan.FromSeconds(2),
            ActivityHeadersPropagator = new ReverseProxyPropagator(DistributedContextPropagator.Current),
        });
        app.Run(ForwardAsync);
    }

    /// <summary>The front's URL, what clients call.</summary>
    public string Url { get; }

    public IReadOnlyList<FrontReplica> Replicas => _replicas;

    /// <summary>Every request the front could not complete, in order.</summary>
    public IReadOnlyList<FrontFailure> Failures => [.. _failures];

    /// <summary>Requests completed through the front, whatever the replica answered.</summary>
    public long Forwarded => _replicas.Sum(r => r.Requests);

    /// <summary>Starts a front on 127.0.0.1:<paramref name="port"/> with no replicas yet; <paramref name="transformer"/> changes each request on its way (what IAP adds), none by default.</summary>
    public static async Task<FrontProxy> StartAsync(int port, CancellationToken cancellationToken = default, HttpTransformer? transformer = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddHttpForwarder();
        var front = new FrontProxy(builder.Build(), port, transformer ?? HttpTransformer.Default);
        await front._app.StartAsync(cancellationToken);
        return front;
    }

    /// <summary>Lets a replica take traffic (call it once the replica's startup probe passes, as Cloud Run does).</summary>
    public FrontReplica Add(string name, Uri address)
    {
        var replica = new FrontReplica(name, address);
        lock (_client)
        {
            _replicas = [.. _replicas.Where(r => r.Name != name), replica];
        }

        return replica;
    }

    /// <summary>Takes a replica out of the rotation; requests it holds finish.</summary>
    public void Remove(string name)
    {
        lock (_client)
        {
            _replicas = [.. _replicas.Where(r => r.Name != name)];
        }
    }

    public FrontReplica? Find(string name) => _replicas.FirstOrDefault(r => r.Name == name);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _client.Dispose();
    }

    private async Task ForwardAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        context.Request.EnableBuffering(bufferThreshold: 64 * 1024, bufferLimit: MaxBufferedBody);
        var replicas = _replicas;
        for (var attempt = 0; attempt < replicas.Length; attempt++)
        {
            if (Next(replicas) is not { } replica)
            {
                break;
            }

            replica.Enter();
            ForwarderError error;
            try
            {
                error = await _forwarder.SendAsync(context, replica.Address.ToString(), _client, ForwarderRequestConfig.Empty, _transformer);
            }
            finally
            {
                replica.Leave();
            }

            if (error == ForwarderError.None)
            {
                replica.Answered();
                return;
            }

            var problem = context.GetForwarderErrorFeature()?.Exception;
            if (!context.Response.HasStarted && Refused(problem))
            {
                // Nothing reached the replica: send the request to the next one.
                replica.RefusedUntil(Stopwatch.GetTimestamp() + (long)(RefusedPause.TotalSeconds * Stopwatch.Frequency));
                context.Features.Set<IForwarderErrorFeature>(null);
                context.Response.StatusCode = StatusCodes.Status200OK;
                context.Request.Body.Position = 0;
                continue;
            }

            if (context.RequestAborted.IsCancellationRequested || error is ForwarderError.RequestCanceled or ForwarderError.RequestBodyCanceled or ForwarderError.RequestBodyClient)
            {
                // The client went away (or stopped sending its body): nothing failed on the service's side.
                return;
            }

            replica.Failed();
            _failures.Enqueue(new FrontFailure(replica.Name, started, context.Response.StatusCode, $"{error}: {problem?.Message}"));
            return;
        }

        _failures.Enqueue(new FrontFailure(null, started, StatusCodes.Status503ServiceUnavailable, "no replica is available"));
        if (!context.Response.HasStarted)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            await context.Response.WriteAsync("no replica is available", context.RequestAborted);
        }
    }

    private FrontReplica? Next(FrontReplica[] replicas)
    {
        var now = Stopwatch.GetTimestamp();
        for (var i = 0; i < replicas.Length; i++)
        {
            var replica = replicas[(int)((ulong)Interlocked.Increment(ref _next) % (ulong)replicas.Length)];
            if (!replica.IsDown(now))
            {
                return replica;
            }
        }

        return null;
    }

    private static bool Refused(Exception? problem)
    {
        for (var e = problem; e is not null; e = e.InnerException)
        {
            if (e is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError }
                || e is SocketException { SocketErrorCode: SocketError.ConnectionRefused })
            {
                return true;
            }
        }

        return false;
    }
}
