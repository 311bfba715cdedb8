using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MlOps.StandIns.Tests;

/// <summary>
/// A model server on 127.0.0.1: its health route answers 200 (or 503 when unhealthy), its predict route one
/// prediction of 0.5 per instance, and 400 with a body of its own when an instance is <c>"fail"</c>.
/// </summary>
internal sealed class FakeServingContainer : IServingContainer
{
    private readonly WebApplication _app;

    private FakeServingContainer(ServingLaunch launch, bool healthy)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        _app = builder.Build();
        _app.Run(async context =>
        {
            var path = context.Request.Path.Value;
            if (path == launch.Container.HealthRoute && HttpMethods.IsGet(context.Request.Method))
            {
                context.Response.StatusCode = healthy ? 200 : 503;
                return;
            }

            if (path != launch.Container.PredictRoute || !HttpMethods.IsPost(context.Request.Method))
            {
                context.Response.StatusCode = 404;
                return;
            }

            var instances = (await JsonNode.ParseAsync(context.Request.Body))!["instances"]!.AsArray();
            if (instances.Any(i => i?.GetValueKind() == System.Text.Json.JsonValueKind.String && i.GetValue<string>() == "fail"))
            {
                context.Response.StatusCode = 400;
                await context.Response.WriteAsync("""{"detail":"instance 0 is not a feature vector"}""");
                return;
            }

            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(new JsonObject { ["predictions"] = new JsonArray([.. instances.Select(_ => (JsonNode)0.5)]) }.ToJsonString());
        });
    }

    public Uri BaseAddress { get; private set; } = null!;

    public bool Disposed { get; private set; }

    public static async Task<FakeServingContainer> StartAsync(ServingLaunch launch, bool healthy, CancellationToken cancellationToken)
    {
        var container = new FakeServingContainer(launch, healthy);
        await container._app.StartAsync(cancellationToken);
        var address = container._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        container.BaseAddress = new Uri(address);
        return container;
    }

    public async ValueTask DisposeAsync()
    {
        Disposed = true;
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
