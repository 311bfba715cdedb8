using MassTransit;
using MlOps.Contracts;
using MlOps.Trainer.Training;

namespace MlOps.Trainer.Apis;

public static class TrainingApi
{
    public static IEndpointRouteBuilder MapTrainingApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/training").WithTags("Trainer");
        api.MapPost("/", RequestTraining).WithSummary("Ask for a new model version");
        api.MapGet("/runs", (TrainingHistory history) => history.Recent()).WithSummary("Recent training runs, newest first");
        return app;
    }

    private static async Task<IResult> RequestTraining(TrainingApiRequest body, IPublishEndpoint publisher, TimeProvider time, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(body.Model))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["model"] = ["the model name is required"] });
        }

        if (body.NewestSnapshots is <= 0)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["newestSnapshots"] = ["must be positive"] });
        }

        var request = new TrainingRequested(Guid.NewGuid(), body.Model, body.Reason ?? "manual", time.GetUtcNow(), body.DatasetPath, body.NewestSnapshots);
        await publisher.Publish(request, cancellationToken);
        return TypedResults.Accepted($"/api/training/runs", new { request.RequestId });
    }
}

public sealed record TrainingApiRequest(string Model, string? Reason = null, string? DatasetPath = null, int? NewestSnapshots = null);
