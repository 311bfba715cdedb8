using System.Net;
using Microsoft.AspNetCore.Builder;
using MlOps.Deployer;
using MlOps.DriftWatcher;
using MlOps.Predictor;
using MlOps.Registry;
using MlOps.Trainer;

namespace MlOps.Services.Tests.Identity;

/// <summary>A request to one route, and what the route answers a caller it admits.</summary>
internal sealed record Route(HttpMethod Method, string Path, string? Body, HttpStatusCode Answer)
{
    public override string ToString() => $"{Method} {Path}";
}

/// <summary>Each service module, its state-changing routes and its read-only ones.</summary>
internal sealed record ServiceRoutes(string Name, Action<WebApplicationBuilder> Add, Action<WebApplication> Map, IReadOnlyList<Route> StateChanging, IReadOnlyList<Route> ReadOnly)
{
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    public static ServiceRoutes Trainer { get; } = new("trainer", b => b.AddTrainer(), a => a.MapTrainer(),
        [new(HttpMethod.Post, "/api/training", """{"model":"taxi-tips"}""", HttpStatusCode.Accepted)],
        [new(HttpMethod.Get, "/api/training/runs", null, HttpStatusCode.OK)]);

    public static ServiceRoutes Registry { get; } = new("registry", b => b.AddRegistry(), a => a.MapRegistry(),
        [new(HttpMethod.Put, "/api/models/taxi-tips/aliases/champion", """{"version":1}""", HttpStatusCode.NotFound)],
        [new(HttpMethod.Get, "/api/models", null, HttpStatusCode.OK)]);

    public static ServiceRoutes Deployer { get; } = new("deployer", b => b.AddDeployer(), a => a.MapDeployer(),
        [
            new(HttpMethod.Post, "/api/deployments/taxi-tips/rollback", """{"reason":"by hand"}""", HttpStatusCode.Conflict),
            new(HttpMethod.Post, "/api/deployments/taxi-tips/promote", null, HttpStatusCode.Conflict),
        ],
        [new(HttpMethod.Get, "/api/deployments", null, HttpStatusCode.OK), new(HttpMethod.Get, "/api/fleet", null, HttpStatusCode.OK)]);

    public static ServiceRoutes DriftWatcher { get; } = new("drift-watcher", b => b.AddDriftWatcher(), a => a.MapDriftWatcher(),
        [
            new(HttpMethod.Post, "/api/drift/taxi-tips/snapshots", """{"path":"datasets/taxi-tips/missing.csv"}""", HttpStatusCode.BadRequest),
            new(HttpMethod.Post, "/api/drift/replay", """{"folder":"logs/missing"}""", HttpStatusCode.BadRequest),
        ],
        [new(HttpMethod.Get, "/api/drift", null, HttpStatusCode.OK), new(HttpMethod.Get, "/api/alerts", null, HttpStatusCode.OK)]);

    public static ServiceRoutes Predictor { get; } = new("predictor", b => b.AddPredictor(), a => a.MapPredictor(),
        [new(HttpMethod.Post, "/v1/batchPredictionJobs", """{"model":"taxi-tips","inputUri":"batch/in.csv","outputUri":"batch/out.csv"}""", HttpStatusCode.Accepted)],
        [new(HttpMethod.Get, "/admin/endpoints", null, HttpStatusCode.OK), new(HttpMethod.Get, "/admin/fleet", null, HttpStatusCode.OK)])
    {
        Settings = new Dictionary<string, string?> { ["Predictor:PublishLogs"] = "false" },
    };

    public static IReadOnlyList<ServiceRoutes> All { get; } = [Trainer, Registry, Deployer, DriftWatcher, Predictor];

    public static ServiceRoutes Named(string name) => All.Single(s => s.Name == name);

    public override string ToString() => Name;
}
