using Microsoft.EntityFrameworkCore;
using MlOps.Deployer.Infrastructure;
using MlOps.Deployer.Model;

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
        return app;
    }
}
