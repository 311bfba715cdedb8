using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using MlOps.Contracts;
using MlOps.Contracts.Api;
using MlOps.Deployer.Infrastructure;
using MlOps.Deployer.Model;
using MlOps.Deployer.Rollout;
using MlOps.Platform.Identity;

namespace MlOps.Deployer.Apis;

public static class DeploymentsApi
{
    public static IEndpointRouteBuilder MapDeploymentsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/deployments").WithTags("Deployer").RequireReader();
        api.MapGet("/", ListDeployments).WithSummary("Deployment history, newest first");
        api.MapGet("/{id:guid}", GetDeployment).WithSummary("One deployment");
        api.MapGet("/current/{model}", Current).WithSummary("The version serving all of a model's traffic");
        api.MapPost("/{model}/rollback", RollBack).WithSummary("Take the model's newest version out of traffic: the version it replaced serves again").RequireCaller();
        api.MapPost("/{model}/promote", Promote).WithSummary("Promote the model's canary or shadow now, without waiting for its verdict").RequireCaller();
        return app;
    }

    private static async Task<Ok<List<DeploymentView>>> ListDeployments(string? model, DeploymentsDbContext db, CancellationToken cancellationToken)
    {
        var deployments = await db.Deployments.AsNoTracking().Where(d => model == null || d.Model == model).OrderByDescending(d => d.CreatedAt).Take(200).ToListAsync(cancellationToken);
        return TypedResults.Ok(deployments.Select(View).ToList());
    }

    private static async Task<Results<Ok<DeploymentView>, ProblemHttpResult>> GetDeployment(Guid id, DeploymentsDbContext db, CancellationToken cancellationToken) =>
        await db.Deployments.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, cancellationToken) is { } deployment
            ? TypedResults.Ok(View(deployment))
            : TypedResults.Problem($"no deployment {id}", statusCode: StatusCodes.Status404NotFound);

    private static async Task<Results<Ok<DeploymentView>, ProblemHttpResult>> Current(string model, DeploymentsDbContext db, CancellationToken cancellationToken) =>
        await db.Deployments.AsNoTracking().Where(d => d.Model == model && d.State == DeploymentState.Completed).OrderByDescending(d => d.FinishedAt).FirstOrDefaultAsync(cancellationToken) is { } deployment
            ? TypedResults.Ok(View(deployment))
            : TypedResults.Problem($"nothing of '{model}' is deployed", statusCode: StatusCodes.Status404NotFound);

    private static async Task<Results<Ok<DeploymentView>, ValidationProblem, ProblemHttpResult>> RollBack(string model, RollbackRequest? body, RolloutEngine engine, RolloutLock rollouts, CancellationToken cancellationToken)
    {
        if (ModelFields.Problems("model", model) is { Count: > 0 } problems)
        {
            return TypedResults.ValidationProblem(problems);
        }

        using var held = await rollouts.AcquireAsync(cancellationToken);
        return Answer(await engine.RollBackCurrentAsync(model, body?.Reason ?? "requested through the API", cancellationToken), "nothing was rolled back");
    }

    private static async Task<Results<Ok<DeploymentView>, ValidationProblem, ProblemHttpResult>> Promote(string model, RolloutEngine engine, RolloutLock rollouts, CancellationToken cancellationToken)
    {
        if (ModelFields.Problems("model", model) is { Count: > 0 } problems)
        {
            return TypedResults.ValidationProblem(problems);
        }

        using var held = await rollouts.AcquireAsync(cancellationToken);
        return Answer(await engine.PromoteCurrentAsync(model, cancellationToken), "nothing was promoted");
    }

    private static Results<Ok<DeploymentView>, ValidationProblem, ProblemHttpResult> Answer(ManualChange change, string title) => change switch
    {
        ManualChange.Done(var deployment) => TypedResults.Ok(View(deployment)),
        ManualChange.Refused(var reason) => TypedResults.Problem(reason, statusCode: StatusCodes.Status409Conflict, title: title),
        _ => throw new System.Diagnostics.UnreachableException(),
    };

    private static DeploymentView View(Deployment d) => new(
        d.Id, d.Model, d.Version, d.PackageUri, d.Strategy.ToString(), d.State.ToString(), d.StableVersion, d.CanaryPercent, d.Generation,
        d.CanaryRequests, d.CanaryErrors, d.CanaryP99Ms, d.StableP99Ms, d.ScoreDivergence, d.ShadowCompared, d.ShadowAgreed,
        d.Signal, d.Reason, d.CreatedAt, d.PhaseStartedAt, d.FinishedAt, d.BuildId is null ? null : new DeploymentBuildView(d.BuildId, d.BuildStatus, d.BuildLogUrl));
}
