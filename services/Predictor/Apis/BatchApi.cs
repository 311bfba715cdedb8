using MassTransit;
using MlOps.Contracts;
using MlOps.Predictor.Batch;

namespace MlOps.Predictor.Apis;

/// <summary>Batch prediction jobs, named after Vertex AI's batchPredictionJobs: start one, then follow it.</summary>
public static class BatchApi
{
    public static IEndpointRouteBuilder MapBatchApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1/batchPredictionJobs").WithTags("Predictor");
        api.MapPost("/", async (BatchJobRequest body, IPublishEndpoint publisher, BatchJobs jobs, TimeProvider time, CancellationToken cancellationToken) =>
        {
            var problems = new Dictionary<string, string[]>();
            if (string.IsNullOrWhiteSpace(body.Model))
            {
                problems["model"] = ["the model name is required"];
            }

            if (string.IsNullOrWhiteSpace(body.InputUri))
            {
                problems["inputUri"] = ["the input file (an artifact name) is required"];
            }

            if (string.IsNullOrWhiteSpace(body.OutputUri))
            {
                problems["outputUri"] = ["the output file (an artifact name) is required"];
            }

            var format = body.Format ?? "csv";
            if (format.ToLowerInvariant() is not ("csv" or "jsonl" or "jsonlines" or "json-lines"))
            {
                problems["format"] = [$"'{format}' is not csv or jsonl"];
            }

            if (problems.Count > 0)
            {
                return Results.ValidationProblem(problems);
            }

            var job = new BatchPredictionRequested(NewId.NextGuid(), body.Model, body.InputUri, body.OutputUri, format, time.GetUtcNow(), body.PackageUri, body.Version);
            jobs.Set(new BatchJobStatus(job.JobId, job.Model, "pending", job.InputUri, job.OutputUri));
            await publisher.Publish(job, cancellationToken);
            return Results.Accepted($"/v1/batchPredictionJobs/{job.JobId}", new { job.JobId });
        }).WithSummary("Start a batch prediction job over a CSV or JSON-lines file in the artifact folder");
        api.MapGet("/{id:guid}", (Guid id, BatchJobs jobs) =>
            jobs.Find(id) is { } status ? Results.Ok(status) : Results.Problem($"no batch job {id} is known here", statusCode: StatusCodes.Status404NotFound))
            .WithSummary("A batch job's state and counts");
        return app;
    }
}

public sealed record BatchJobRequest(string Model, string InputUri, string OutputUri, string? Format = "csv", string? PackageUri = null, int? Version = null);
