using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using Google.Cloud.PubSub.V1;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MlOps.PubSub.Tests.Infrastructure;

/// <summary>A stand-in for Pub/Sub (gRPC over plaintext HTTP/2) for what the real server cannot be made
/// to do: fail the next call of a method with a chosen status, and show the publish requests it got.
/// Unary calls get a minimal valid answer (a publish gets each message's data back as its id);
/// a StreamingPull gets one message, then stays open.</summary>
public sealed class FakePubSubServer : IAsyncLifetime
{
    public const string ProjectId = "mlops-fake";

    private readonly ConcurrentDictionary<string, ConcurrentQueue<StatusCode>> _failures = new();
    private readonly ConcurrentDictionary<string, int> _attempts = new();
    private WebApplication? _app;

    public string Host { get; private set; } = "";

    public ConcurrentQueue<PublishRequest> PublishRequests { get; } = new();

    /// <summary>A client with fast retries, so a test can afford many failed calls.</summary>
    public PubSubClient CreateClient() => PubSubClient.Create(new PubSubClientSettings
    {
        ProjectId = ProjectId,
        EmulatorHost = Host,
        Retry = new PubSubRetrySettings { MaxAttempts = 3, InitialBackoff = TimeSpan.FromMilliseconds(1), MaxBackoff = TimeSpan.FromMilliseconds(2) },
    });

    /// <summary>The next call of <paramref name="method"/> ends with <paramref name="status"/> instead of an answer.</summary>
    public void FailNext(PubSubMethod method, StatusCode status) =>
        _failures.GetOrAdd(method.ToString(), _ => new ConcurrentQueue<StatusCode>()).Enqueue(status);

    /// <summary>Calls of <paramref name="method"/> received, failed ones included.</summary>
    public int Attempts(PubSubMethod method) => _attempts.GetValueOrDefault(method.ToString());

    public void Reset()
    {
        _failures.Clear();
        _attempts.Clear();
        PublishRequests.Clear();
    }

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, o => o.Protocols = HttpProtocols.Http2));
        _app = builder.Build();
        _app.MapPost("/google.pubsub.v1.{service}/{method}", (Func<HttpContext, string, Task>)HandleAsync);
        await _app.StartAsync();
        Host = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single()).Authority;
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private async Task HandleAsync(HttpContext context, string method)
    {
        var request = await ReadFirstMessageAsync(context.Request);
        _attempts.AddOrUpdate(method, 1, (_, n) => n + 1);
        context.Response.ContentType = "application/grpc";
        if (_failures.TryGetValue(method, out var failures) && failures.TryDequeue(out var status))
        {
            context.Response.AppendTrailer("grpc-status", ((int)status).ToString());
            context.Response.AppendTrailer("grpc-message", $"injected {status}");
            return;
        }

        if (method == nameof(PubSubMethod.StreamingPull))
        {
            await StreamOneMessageAsync(context);
            return;
        }

        await WriteMessageAsync(context.Response, Answer(method, request));
        context.Response.AppendTrailer("grpc-status", "0");
    }

    private IMessage Answer(string method, byte[] request)
    {
        switch (Enum.Parse<PubSubMethod>(method))
        {
            case PubSubMethod.CreateTopic:
                return Topic.Parser.ParseFrom(request);
            case PubSubMethod.GetTopic:
                return new Topic { Name = GetTopicRequest.Parser.ParseFrom(request).Topic };
            case PubSubMethod.Publish:
                var publish = PublishRequest.Parser.ParseFrom(request);
                PublishRequests.Enqueue(publish);
                var response = new PublishResponse();
                response.MessageIds.AddRange(publish.Messages.Select(m => m.Data.ToStringUtf8()));
                return response;
            case PubSubMethod.CreateSubscription:
                return Subscription.Parser.ParseFrom(request);
            case PubSubMethod.GetSubscription:
                return new Subscription { Name = GetSubscriptionRequest.Parser.ParseFrom(request).Subscription, AckDeadlineSeconds = 10 };
            case PubSubMethod.Pull:
                return new PullResponse();
            default:
                return new Google.Protobuf.WellKnownTypes.Empty();
        }
    }

    private static async Task StreamOneMessageAsync(HttpContext context)
    {
        var response = new StreamingPullResponse();
        response.ReceivedMessages.Add(new ReceivedMessage
        {
            AckId = "ack-1",
            Message = new PubsubMessage { MessageId = "1", Data = ByteString.CopyFromUtf8("streamed") },
        });
        await WriteMessageAsync(context.Response, response);
        await context.Response.Body.FlushAsync();
        try
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>The first length-prefixed gRPC message of the request (of a stream, the first one sent).</summary>
    private static async Task<byte[]> ReadFirstMessageAsync(HttpRequest request)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[8192];
        while (buffer.Length < 5 || buffer.Length < 5 + BinaryPrimitives.ReadUInt32BigEndian(buffer.GetBuffer().AsSpan(1, 4)))
        {
            var read = await request.Body.ReadAsync(chunk);
            if (read == 0)
            {
                break;
            }

            buffer.Write(chunk, 0, read);
        }
        return buffer.Length < 5 ? [] : buffer.ToArray()[5..(5 + (int)BinaryPrimitives.ReadUInt32BigEndian(buffer.GetBuffer().AsSpan(1, 4)))];
    }

    private static async Task WriteMessageAsync(HttpResponse response, IMessage message)
    {
        var bytes = message.ToByteArray();
        var frame = new byte[5 + bytes.Length];
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)bytes.Length);
        bytes.CopyTo(frame, 5);
        await response.Body.WriteAsync(frame);
    }
}
