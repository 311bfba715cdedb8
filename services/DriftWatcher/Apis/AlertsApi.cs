using Microsoft.AspNetCore.Http.HttpResults;
using MlOps.DriftWatcher.Alerting;
using MlOps.Platform.Identity;

namespace MlOps.DriftWatcher.Apis;

public static class AlertsApi
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 1000;

    public static IEndpointRouteBuilder MapAlertsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/alerts").WithTags("DriftWatcher").RequireReader();
        api.MapGet("/", Recent)
            .WithSummary("Recent alerts, newest first, each with where its delivery on every channel stands (pending, delivered or dead-lettered)");
        api.MapGet("/dead-letters", (AlertOutbox outbox) => TypedResults.Ok(outbox.DeadLetters()))
            .WithSummary("Deliveries given up on, newest first: the reason (status code or error), the attempts and their times, and the alert");
        return app;
    }

    private static async Task<Results<Ok<IReadOnlyList<AlertStatus>>, ValidationProblem>> Recent(AlertOutbox outbox, CancellationToken cancellationToken, int limit = DefaultLimit)
    {
        if (limit is < 1 or > MaxLimit)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = [$"give 1 to {MaxLimit}"] });
        }

        return TypedResults.Ok(await outbox.RecentAsync(limit, cancellationToken));
    }
}
