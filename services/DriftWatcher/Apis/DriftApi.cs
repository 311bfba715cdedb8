using MlOps.DriftWatcher.Monitoring;

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
        api.MapGet("/malformed", (DriftMonitor monitor) => new { count = monitor.MalformedCount, recent = monitor.MalformedSamples })
            .WithSummary("Log entries that were counted and set aside");
        return app;
    }
}
