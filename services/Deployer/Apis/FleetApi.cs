using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using MlOps.Contracts.Fleet;
using MlOps.Deployer.Fleet;
using MlOps.Platform.Identity;

namespace MlOps.Deployer.Apis;

/// <summary>The serving fleet: the desired state replicas converge on (long-polled), their reports, and what the Deployer knows of them.</summary>
public static class FleetApi
{
    public static IEndpointRouteBuilder MapFleetApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/fleet").WithTags("Fleet").RequireReader();
        api.MapGet("/", (DesiredStateStore store, CancellationToken cancellationToken) => store.ReadAsync(cancellationToken))
            .WithSummary("The desired state: each model's split, its generation, and the fleet's revision");
        // What replicas call: with MlOps:Identity:Audience set, only with an ID token issued for this Deployer; without it, only from this machine.
        api.MapGet("/desired", Desired)
            .WithSummary("The desired state once its revision is past 'after' (a long poll of at most waitSeconds)")
            .RequireAuthorization(IdentityExtensions.ServiceCallers);
        api.MapPost("/replicas/{replicaId}/reports", Report)
            .WithSummary("A replica's report: the revision it serves, each version's counters per generation, refusals")
            .RequireAuthorization(IdentityExtensions.ServiceCallers);
        api.MapGet("/replicas", (ReplicaReports reports, CancellationToken cancellationToken) => reports.ReplicasAsync(cancellationToken))
            .WithSummary("Every replica that reported, live or not, with what it last counted");
        return app;
    }

    private static async Task<Ok<DesiredState>> Desired(long? after, int? waitSeconds, DesiredStateStore store, FleetSignal signal, IOptions<DeployerOptions> options, CancellationToken cancellationToken)
    {
        if (signal.Revision < 0)
        {
            await store.ReadAsync(cancellationToken);
        }

        if (after is { } known)
        {
            var wait = TimeSpan.FromSeconds(Math.Clamp(waitSeconds ?? 0, 0, options.Value.Fleet.MaxWaitSeconds));
            await signal.WaitPastAsync(known, wait, cancellationToken);
        }

        return TypedResults.Ok(await store.ReadAsync(cancellationToken));
    }

    private static async Task<Results<NoContent, ValidationProblem>> Report(string replicaId, ReplicaReport report, ReplicaReports reports, CancellationToken cancellationToken)
    {
        if (ReplicaReportProblems.Of(replicaId, report) is { Count: > 0 } problems)
        {
            return TypedResults.ValidationProblem(problems);
        }

        await reports.RecordAsync(report, cancellationToken);
        return TypedResults.NoContent();
    }
}
