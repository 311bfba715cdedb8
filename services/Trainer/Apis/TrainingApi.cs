using MassTransit;
using Microsoft.AspNetCore.Http.HttpResults;
using MlOps.Contracts;
using MlOps.Contracts.Api;
using MlOps.Platform.Artifacts;
using MlOps.Platform.Identity;
using MlOps.Trainer.Training;

namespace MlOps.Trainer.Apis;

public static class TrainingApi
{
    public static IEndpointRouteBuilder MapTrainingApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/training").WithTags("Trainer").RequireReader();
        api.MapPost("/", RequestTraining).WithSummary("Ask for a new model version").RequireCaller();
        api.MapGet("/runs", (TrainingHistory history) => history.Recent()).WithSummary("Recent training runs, newest first");
        return app;
    }

    private static async Task<Results<Accepted<TrainingAccepted>, ValidationProblem>> RequestTraining(TrainingRequest body, IPublishEndpoint publisher, ArtifactStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        var problems = new Dictionary<string, string[]>();
        if (ModelNames.Problem(body.Model) is { } model)
        {
            problems["model"] = [model];
        }

        if (body.DatasetPath is not null && store.Outside(body.DatasetPath) is { } outside)
        {
            problems["datasetPath"] = [outside];
        }

        if (body.NewestSnapshots is <= 0)
        {
            problems["newestSnapshots"] = ["must be positive"];
        }

        if (body.Reason is { } reason && !TrainingReasons.All.Contains(reason))
        {
            problems["reason"] = [$"'{reason}' is not one of {string.Join(", ", TrainingReasons.All)}"];
        }

        if (body.DriftAlertId is not null && body.Reason != TrainingReasons.Drift)
        {
            problems["driftAlertId"] = [$"only a retraining for reason {TrainingReasons.Drift} answers a drift alert"];
        }

        if (problems.Count > 0)
        {
            return TypedResults.ValidationProblem(problems);
        }

        var request = new TrainingRequested(Guid.NewGuid(), body.Model, body.Reason ?? TrainingReasons.Manual, time.GetUtcNow(), body.DatasetPath, body.NewestSnapshots, body.DriftAlertId);
        await publisher.Publish(request, cancellationToken);
        return TypedResults.Accepted("/api/training/runs", new TrainingAccepted(request.RequestId));
    }
}
