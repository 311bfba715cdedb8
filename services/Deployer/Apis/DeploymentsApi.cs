using Microsoft.EntityFrameworkCore;
using MlOps.Deployer.Infrastructure;
using MlOps.Deployer.Model;
using MlOps.Deployer.Rollout;

namespace MlOps.Deployer.Apis;

public static class DeploymentsApi
{
    public static IEndpointRouteBuilder MapDeploymentsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/deployments").WithTags("Deployer");
        api.MapGet("/", async (string? model, DeploymentsDbContext db, CancellationToken cancellationToken) =>
            await db.Deployments.AsNoTracking().Where(d => model == null || d.Model == model).OrderByDescending(d => d.CreatedAt).Take(200).ToListAsync(cancellationToken))
            .WithSummary("Deployment history, newest first");
        api.MapGet("/{id:guid}", async (Guid id, DeploymentsDbContext db, CancellationToken cancellationToken) =>
            await db.Deployments.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, cancellationToken) is { } deployment
                ? Results.Ok(deployment)
                : Results.Problem($"no deployment {id}", statusCode: StatusCodes.Status404NotFound))
            .WithSummary("One deployment");
        api.MapGet("/current/{model}", async (string model, DeploymentsDbContext db, CancellationToken cancellationToken) =>
            await db.Deployments.AsNoTracking().Where(d => d.Model == model && d.State == DeploymentState.Completed).OrderByDescending(d => d.FinishedAt).FirstOrDefaultAsync(cancellationToken) is { } deployment
                ? Results.Ok(deployment)
                : Results.Problem($"nothing of '{model}' is deployed", statusCode: StatusCodes.Status404NotFound))
            .WithSummary("The version serving all of a model's traffic");
        api.MapPost("/{model}/rollback", async (string model, RollbackRequest? body, RolloutEngine engine, RolloutLock rollouts, CancellationToken cancellationToken) =>
            {
                using var held = await rollouts.AcquireAsync(cancellationToken);
                var result = await engine.RollBackCurrentAsync(model, body?.Reason ?? "requested through the API", cancellationToken);
                return result.RolledBack is { } deployment
                    ? Results.Ok(deployment)
                    : Results.Problem(result.Problem, statusCode: StatusCodes.Status409Conflict, title: "nothing was rolled back");
            })
            .WithSummary("Take the model's newest version out of traffic: the version it replaced serves again");
        return app;
    }
}

public sealed record RollbackRequest(string? Reason = null);
