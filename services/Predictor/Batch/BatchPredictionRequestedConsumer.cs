using System.Text;
using MassTransit;
using Microsoft.Extensions.Options;
using MlOps.Contracts;
using MlOps.Contracts.Api;
using MlOps.Core.Packaging;
using MlOps.Core.Scoring;
using MlOps.Platform.Artifacts;
using MlOps.Predictor.Logging;
using MlOps.Predictor.Serving;

namespace MlOps.Predictor.Batch;

/// <summary>
/// Runs a batch prediction job: streams the input file through the model into the output file
/// (memory flat in the input size), rejected rows with reasons beside it, and log entries sampled
/// as online traffic is. Written under a temporary name and moved into place when done, so a
/// redelivered job simply runs again.
/// </summary>
public sealed class BatchPredictionRequestedConsumer(
    EndpointRegistry endpoints,
    ArtifactStore store,
    PredictionLog log,
    BatchJobs jobs,
    IOptions<PredictorOptions> options,
    TimeProvider time,
    ILogger<BatchPredictionRequestedConsumer> logger) : IConsumer<BatchPredictionRequested>
{
    public async Task Consume(ConsumeContext<BatchPredictionRequested> context)
    {
        var job = context.Message;
        var status = new BatchJobStatus(job.JobId, job.Model, BatchJobState.Running, job.InputUri, job.OutputUri);
        jobs.Set(status);
        try
        {
            var (package, version, packageUri) = Model(job);
            var input = store.Resolve(job.InputUri);
            var output = store.Resolve(job.OutputUri);
            var rejectsPath = output + ".rejects.csv";
            Directory.CreateDirectory(Path.GetDirectoryName(output)!);
            var sampler = new LogSampler(log, job.Model, version ?? 0, packageUri, package.Schema, options.Value.LogSampling, time);
            var temporary = $"{output}.tmp-{Guid.NewGuid():N}";
            BatchScoringResult result;
            await using (var source = File.OpenRead(input))
            await using (var target = File.Create(temporary))
            await using (var rejects = new StreamWriter(rejectsPath, false, new UTF8Encoding(false)))
            {
                result = await Task.Run(() => Format(job) == BatchFormat.JsonLines
                    ? BatchScorer.ScoreJsonLines(package, source, target, rejects, null, sampler, context.CancellationToken)
                    : ScoreCsv(package, source, target, rejects, sampler, context.CancellationToken), context.CancellationToken);
            }

            File.Move(temporary, output, overwrite: true);
            if (result.Rejected == 0)
            {
                File.Delete(rejectsPath);
            }

            var rejectsUri = result.Rejected > 0 ? store.ToUri(rejectsPath) : null;
            jobs.Set(status with { State = BatchJobState.Succeeded, Version = version, Rows = result.Rows, Scored = result.Scored, Rejected = result.Rejected, RejectsUri = rejectsUri });
            logger.LogInformation("Batch job {JobId}: {Scored} of {Rows} rows scored in {Seconds:F1} s ({Rejected} rejected)", job.JobId, result.Scored, result.Rows, result.Elapsed.TotalSeconds, result.Rejected);
            await context.Publish(new BatchPredictionCompleted(job.JobId, job.Model, version, job.OutputUri, rejectsUri, result.Rows, result.Scored, result.Rejected, result.Elapsed.TotalSeconds, time.GetUtcNow()));
        }
        catch (Exception e) when (e is PackageException or InvalidDataException or FileNotFoundException or DirectoryNotFoundException or ArgumentException or BatchJobException)
        {
            jobs.Set(status with { State = BatchJobState.Failed, Problem = e.Message });
            await context.Publish(new BatchPredictionFailed(job.JobId, job.Model, e.Message, time.GetUtcNow()));
        }
    }

    private static BatchFormat Format(BatchPredictionRequested job) =>
        BatchFormats.TryParse(job.Format, out var format) ? format : throw new BatchJobException($"format: '{job.Format}' is not one of {string.Join(", ", BatchFormats.Accepted)}");

    private static BatchScoringResult ScoreCsv(ModelPackage package, Stream source, Stream target, TextWriter rejects, IBatchObserver sampler, CancellationToken cancellationToken)
    {
        using var writer = new StreamWriter(target, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
        return BatchScorer.ScoreCsv(package, source, writer, rejects, null, sampler, cancellationToken);
    }

    // The package named in the job, or the version that serves the most of the model's traffic now.
    private (ModelPackage Package, int? Version, string PackageUri) Model(BatchPredictionRequested job)
    {
        if (job.PackageUri is { } uri)
        {
            var package = ModelPackage.Load(store.Resolve(uri));
            var verification = package.Verify();
            return verification.Passed ? (package, job.Version, uri) : throw new BatchJobException($"the package {uri} was refused: {verification.Problem}");
        }

        var served = endpoints.Find(job.Model)?.Split.OrderByDescending(s => s.Percent).FirstOrDefault()?.Version
            ?? throw new BatchJobException($"no version of '{job.Model}' is served here; name a packageUri");
        return (served.Package, served.Version, served.PackageUri);
    }
}

public sealed class BatchJobException(string message) : Exception(message);
