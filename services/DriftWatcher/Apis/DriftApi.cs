using MassTransit;
using MlOps.Contracts;
using MlOps.DriftWatcher.Monitoring;
using MlOps.Platform.Artifacts;

namespace MlOps.DriftWatcher.Apis;

public static class DriftApi
{
    public static IEndpointRouteBuilder MapDriftApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/drift").WithTags("DriftWatcher");
        api.MapGet("/", (DriftMonitor monitor) => new
        {
            entries = monitor.Entries,
            malformed = monitor.MalformedCount,
            models = monitor.Monitors.GroupBy(m => m.Model).Select(g => g.Key),
        }).WithSummary("What the watcher has seen");
        api.MapGet("/{model}", (string model, DriftMonitor monitor) =>
        {
            var versions = monitor.Monitors.Where(m => m.Model == model).OrderByDescending(m => m.Version).ToList();
            return versions.Count == 0
                ? Results.Problem($"no log entries of '{model}' seen yet", statusCode: StatusCodes.Status404NotFound)
                : Results.Ok(new
                {
                    model,
                    serving = monitor.ServingVersion(model)?.Version,
                    versions = versions.Select(v => new { v.Version, v.PackageUri, currentWindowSamples = v.Count, lastWindow = v.LastWindow }),
                    alerts = monitor.Alerts.Where(a => a.Model == model).Reverse(),
                });
        }).WithSummary("Current status per feature of a model: the last window's skew and drift, and recent alerts");
        api.MapPost("/{model}/snapshots", AnnounceSnapshot)
            .WithSummary("Announce a new labelled snapshot (an artifact name): the served version is scored on it, which catches drift that leaves the inputs alone");
        api.MapGet("/malformed", (DriftMonitor monitor) => new { count = monitor.MalformedCount, recent = monitor.MalformedSamples })
            .WithSummary("Log entries that were counted and set aside");
        return app;
    }

    private static async Task<IResult> AnnounceSnapshot(string model, SnapshotAnnouncement body, ArtifactStore store, IPublishEndpoint publisher, TimeProvider time, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(body.Path) || Path.IsPathRooted(body.Path))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["path"] = ["give the snapshot as an artifact name, relative to the artifact root"] });
        }

        string file;
        try
        {
            file = store.Resolve(body.Path);
        }
        catch (ArgumentException e)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["path"] = [e.Message] });
        }

        if (!File.Exists(file))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["path"] = [$"no file '{body.Path}' in the artifact folder"] });
        }

        var added = new DatasetSnapshotAdded(model, body.Path, body.Rows ?? 0, time.GetUtcNow());
        await publisher.Publish(added, cancellationToken);
        return TypedResults.Accepted($"/api/drift/{Uri.EscapeDataString(model)}", added);
    }
}

public sealed record SnapshotAnnouncement(string Path, long? Rows = null);
