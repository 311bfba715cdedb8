using MassTransit;
using Microsoft.AspNetCore.Http.HttpResults;
using MlOps.Contracts;
using MlOps.Contracts.Api;
using MlOps.DriftWatcher.Monitoring;
using MlOps.DriftWatcher.Replay;
using MlOps.DriftWatcher.Retraining;
using MlOps.Platform.Artifacts;
using MlOps.Platform.Identity;

namespace MlOps.DriftWatcher.Apis;

public static class DriftApi
{
    public static IEndpointRouteBuilder MapDriftApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/drift").WithTags("DriftWatcher").RequireReader();
        api.MapGet("/", Overview).WithSummary("What the watcher has seen");
        api.MapGet("/{model}", Status).WithSummary("Current status per feature of a model: the last window's skew and drift, and recent alerts");
        api.MapGet("/{model}/windows", Windows).WithSummary("A model's closed windows, oldest first: the newest 200 of each version, or of the version asked for");
        api.MapGet("/{model}/histograms", Histograms)
            .WithSummary("Each feature's training baseline beside its current distribution (the newest closed window, else the open one), for the version asked for, else the serving one, else the newest watched");
        api.MapPost("/{model}/snapshots", AnnounceSnapshot)
            .WithSummary("Announce a new labelled snapshot (an artifact name): the served version is scored on it, which catches drift that leaves the inputs alone")
            .RequireCaller();
        api.MapGet("/malformed", (DriftMonitor monitor) => new MalformedEntries(monitor.MalformedCount, [.. monitor.MalformedSamples]))
            .WithSummary("Log entries that were counted and set aside");
        api.MapPost("/replay", Replay)
            .WithSummary("Replay a log archive (a log sink's hourly files, relative to the artifact root) through fresh windows, as batch monitoring")
            .WithDescription("Every .json file under the folder is read in time order and its entries counted into windows against the package that served them, as live monitoring does but apart from its state. With raiseAlert, drift found is published as DriftDetected and a retraining request.")
            .RequireCaller();
        return app;
    }

    private static DriftOverview Overview(DriftMonitor monitor) =>
        new(monitor.Entries, monitor.MalformedCount, [.. monitor.Monitors.Select(m => m.Model).Distinct().Order(StringComparer.Ordinal)]);

    private static Results<Ok<DriftStatus>, ProblemHttpResult> Status(string model, DriftMonitor monitor)
    {
        var versions = monitor.Monitors.Where(m => m.Model == model).OrderByDescending(m => m.Version).ToList();
        if (versions.Count == 0)
        {
            return Unseen(model);
        }

        return TypedResults.Ok(new DriftStatus(
            model,
            monitor.ServingVersion(model)?.Version,
            [.. versions.Select(v => new VersionDrift(v.Version, v.PackageUri, v.Count, v.LastWindow))],
            [.. monitor.Alerts.Where(a => a.Model == model).Reverse()]));
    }

    private static Results<Ok<DriftHistory>, ProblemHttpResult> Windows(string model, int? version, DriftMonitor monitor)
    {
        var watched = monitor.Monitors.Where(m => m.Model == model && (version is null || m.Version == version)).OrderBy(m => m.Version).ToList();
        return watched.Count == 0
            ? Unseen(model, version)
            : TypedResults.Ok(new DriftHistory(model, [.. watched.SelectMany(m => m.Windows).OrderBy(w => w.End)]));
    }

    private static Results<Ok<DriftHistograms>, ProblemHttpResult> Histograms(string model, int? version, DriftMonitor monitor)
    {
        var versions = monitor.Monitors.Where(m => m.Model == model).ToList();
        var serving = monitor.ServingVersion(model)?.Version;
        var chosen = version is not null
            ? versions.SingleOrDefault(m => m.Version == version)
            : versions.SingleOrDefault(m => m.Version == serving) ?? versions.MaxBy(m => m.Version);
        return chosen is null ? Unseen(model, version) : TypedResults.Ok(monitor.Histograms(chosen));
    }

    private static ProblemHttpResult Unseen(string model, int? version = null) =>
        TypedResults.Problem($"no log entries of '{model}'{(version is null ? "" : $" v{version}")} seen yet", statusCode: StatusCodes.Status404NotFound);

    private static async Task<Results<Accepted<DatasetSnapshotAdded>, ValidationProblem>> AnnounceSnapshot(string model, SnapshotAnnouncement body, ArtifactStore store, IPublishEndpoint publisher, TimeProvider time, CancellationToken cancellationToken)
    {
        var problems = ModelFields.Problems("model", model);
        if (store.Outside(body.Path) is { } outside)
        {
            problems["path"] = [$"{outside}: give the snapshot as an artifact name, relative to the artifact root"];
        }
        else if (!File.Exists(store.Resolve(body.Path)))
        {
            problems["path"] = [$"no file '{body.Path}' in the artifact folder"];
        }

        if (body.Rows is < 0)
        {
            problems["rows"] = ["must not be negative"];
        }

        if (problems.Count > 0)
        {
            return TypedResults.ValidationProblem(problems);
        }

        var added = new DatasetSnapshotAdded(model, body.Path, body.Rows ?? 0, time.GetUtcNow());
        await publisher.Publish(added, cancellationToken);
        return TypedResults.Accepted($"/api/drift/{Uri.EscapeDataString(model)}", added);
    }

    private static async Task<Results<Ok<ReplayReport>, ValidationProblem, ProblemHttpResult>> Replay(
        ReplayRequest body, ArtifactStore store, ArchiveReplay replay, IPublishEndpoint publisher, IRetrainingRequests retraining, CancellationToken cancellationToken)
    {
        var problems = new Dictionary<string, string[]>();
        if (store.Outside(body.Folder) is { } outside)
        {
            problems["folder"] = [outside];
        }

        if (ModelNames.Problem(body.Model) is { } model)
        {
            problems["model"] = [model];
        }

        if (problems.Count > 0)
        {
            return TypedResults.ValidationProblem(problems);
        }

        var folder = store.Resolve(body.Folder!);
        if (!Directory.Exists(folder))
        {
            return TypedResults.Problem($"no folder '{body.Folder}' in the artifact store", statusCode: StatusCodes.Status404NotFound);
        }

        var report = await Task.Run(() => replay.Run(folder, body.Model, cancellationToken: cancellationToken), cancellationToken) with { Folder = body.Folder! };
        if (!body.RaiseAlert || report.Alerts.Count == 0)
        {
            return TypedResults.Ok(report);
        }

        // The latest alert stands for the archive, as the last window live monitoring raised would.
        var alert = report.Alerts[^1];
        await publisher.Publish(alert, cancellationToken);
        await retraining.RequestAsync(alert, publisher, cancellationToken);
        return TypedResults.Ok(report with { AlertPublished = true });
    }
}
