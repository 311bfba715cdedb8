using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using MlOps.Platform.Net;
using MlOps.Rehearsal.StandIns;

namespace MlOps.Services.Tests.Vertex;

/// <summary>
/// Serving containers as small in-process servers: each answers its health route and predicts with its
/// version (from <c>Predictor__Version</c>), healthy or failing as the test says; jobs run <see cref="Job"/>.
/// </summary>
internal sealed class FakeContainers : IVertexContainers
{
    private readonly ConcurrentBag<WebApplication> _apps = [];

    /// <summary>Versions whose predict route answers 500.</summary>
    public HashSet<string> Failing { get; } = [];

    /// <summary>Versions whose health route never answers 200.</summary>
    public HashSet<string> NeverHealthy { get; } = [];

    public ConcurrentBag<ServingLaunch> Served { get; } = [];

    public Func<JobLaunch, CancellationToken, Task<int>> Job { get; set; } = (_, _) => Task.FromResult(0);

    public async Task<IServingContainer> StartServingAsync(ServingLaunch launch, CancellationToken cancellationToken)
    {
        Served.Add(launch);
        var version = launch.Container.Env.FirstOrDefault(e => e.Name == "Predictor__Version")?.Value ?? "?";
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var url = $"http://127.0.0.1:{LoopbackPort.Free()}";
        builder.WebHost.UseUrls(url);
        var app = builder.Build();
        app.MapGet(launch.Container.HealthRoute, () => NeverHealthy.Contains(version) ? Results.StatusCode(503) : Results.Ok());
        app.MapPost(launch.Container.PredictRoute, () => Failing.Contains(version)
            ? Results.Json(new { error = "model failed" }, statusCode: 500)
            : Results.Json(new { predictions = new[] { new { label = true, probability = 0.7 } }, modelVersionId = version }));
        await app.StartAsync(cancellationToken);
        _apps.Add(app);
        return new Container(new Uri(url + "/"), app);
    }

    public Task<int> RunJobAsync(JobLaunch launch, CancellationToken cancellationToken) => Job(launch, cancellationToken);

    private sealed class Container(Uri address, WebApplication app) : IServingContainer
    {
        public Uri BaseAddress => address;

        public async ValueTask DisposeAsync()
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
