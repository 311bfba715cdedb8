using MassTransit;
using Microsoft.AspNetCore.Http.HttpResults;
using MlOps.Contracts;
using MlOps.Contracts.Api;
using MlOps.Platform.Artifacts;
using MlOps.Platform.Identity;
using MlOps.Predictor.Batch;

namespace MlOps.Predictor.Apis;

/// <summary>Batch prediction jobs, named after Vertex AI's batchPredictionJobs: start one, then follow it.</summary>
public static class BatchApi
{
    public static IEndpointRouteBuilder MapBatchApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1/batchPredictionJobs").WithTags("Predictor").RequireReader();
        api.MapPost("/", Start).WithSummary("Start a batch prediction job over a CSV or JSON-lines file in the artifact folder").RequireCaller();
        api.MapGet("/{id:guid}", (Guid id, BatchJobs jobs) =>
            jobs.Find(id) is { } status ? Results.Ok(status) : Results.Problem($"no batch job {id} is known here", statusCode: StatusCodes.Status404NotFound))
            .WithSummary("A batch job's state and counts")
            .Produces<BatchJobStatus>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<Results<Accepted<BatchJobAccepted>, ValidationProblem>> Start(BatchJobRequest body, IPublishEndpoint publisher, BatchJobs jobs, ArtifactStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        var problems = ModelFields.Problems("model", body.Model, ("version", body.Version));
        if (string.IsNullOrWhiteSpace(body.InputUri))
        {
            problems["inputUri"] = ["the input file (an artifact name) is required"];
        }
        else if (store.Outside(body.InputUri) is { } input)
        {
            problems["inputUri"] = [input];
        }

        if (string.IsNullOrWhiteSpace(body.OutputUri))
        {
            problems["outputUri"] = ["the output file (an artifact name) is required"];
        }
        else if (store.Outside(body.OutputUri) is { } output)
        {
            problems["outputUri"] = [output];
        }

        if (body.PackageUri is not null && store.Outside(body.PackageUri) is { } package)
        {
            problems["packageUri"] = [package];
        }

        if (!BatchFormats.TryParse(body.Format ?? BatchFormats.Csv, out var format))
        {
            problems["format"] = [$"'{body.Format}' is not one of {string.Join(", ", BatchFormats.Accepted)}"];
        }

        if (problems.Count > 0)
        {
            return TypedResults.ValidationProblem(problems);
        }

        var job = new BatchPredictionRequested(NewId.NextGuid(), body.Model, body.InputUri, body.OutputUri, BatchFormats.Name(format), time.GetUtcNow(), body.PackageUri, body.Version);
        jobs.Set(new BatchJobStatus(job.JobId, job.Model, BatchJobState.Pending, job.InputUri, job.OutputUri));
        await publisher.Publish(job, cancellationToken);
        return TypedResults.Accepted($"/v1/batchPredictionJobs/{job.JobId}", new BatchJobAccepted(job.JobId));
    }
}
