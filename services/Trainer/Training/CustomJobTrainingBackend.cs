using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using MlOps.Contracts;
using MlOps.GoogleApis;
using MlOps.GoogleApis.Vertex;
using MlOps.Platform.Artifacts;

namespace MlOps.Trainer.Training;

/// <summary>
/// Training as a Vertex AI custom job: the Trainer image runs <see cref="TrainingJob"/> on the request,
/// on the environment's machine type, as the Trainer's account, with the bucket as its artifact root
/// (Vertex AI mounts every bucket under <c>/gcs/</c>); the job writes its outcome beside the package
/// and this backend returns it exactly as a local run would have. The job's name is kept in the
/// request's job folder — and the job carries the request as a label — so a redelivered request
/// follows the job already running instead of starting another.
/// </summary>
public sealed class CustomJobTrainingBackend(
    IServiceProvider services,
    ArtifactStore store,
    IOptions<TrainerOptions> options,
    IOptions<GoogleApiOptions> google,
    TimeProvider time,
    ILogger<CustomJobTrainingBackend> logger) : ITrainingBackend
{
    public const string RequestLabel = "mlops-request";

    /// <summary>Where Vertex AI training mounts Cloud Storage buckets.</summary>
    public const string FuseRoot = "/gcs";

    public async Task<TrainingOutcome> RunAsync(TrainingRequested request, CancellationToken cancellationToken)
    {
        // A typed client per run, not one held by this singleton, so its pooled handler is rotated as the factory intends.
        var vertex = services.GetRequiredService<VertexAiClient>();
        var name = await FindJobAsync(vertex, request, cancellationToken) ?? await SubmitAsync(vertex, request, cancellationToken);
        var job = await vertex.WaitForJobAsync(name, cancellationToken);
        var outcomeFile = TrainingJobFiles.Outcome(store, request.RequestId);
        if (job.State == JobStates.Succeeded && File.Exists(outcomeFile))
        {
            var outcome = JsonSerializer.Deserialize<JobOutcome>(await File.ReadAllTextAsync(outcomeFile, cancellationToken));
            if (outcome?.Trained is { } trained)
            {
                return new TrainingOutcome.Trained(trained);
            }

            if (outcome?.Failed is { } failed)
            {
                return new TrainingOutcome.Failed(failed);
            }
        }

        var reason = job.State == JobStates.Succeeded
            ? $"Vertex AI custom job {name} succeeded but left no outcome at {TrainingJobFiles.Folder(request.RequestId)}/outcome.json"
            : $"Vertex AI custom job {name} ended {job.State}: {job.Error?.Message ?? "no error given"}";
        logger.LogWarning("Training {Model} request {RequestId}: {Reason}", request.Model, request.RequestId, reason);
        return new TrainingOutcome.Failed(new TrainingFailed(request.RequestId, request.Model, request.Reason, [reason], 1, time.GetUtcNow()));
    }

    private async Task<string?> FindJobAsync(VertexAiClient vertex, TrainingRequested request, CancellationToken cancellationToken)
    {
        var file = TrainingJobFiles.Job(store, request.RequestId);
        if (File.Exists(file))
        {
            return (await File.ReadAllTextAsync(file, cancellationToken)).Trim();
        }

        var running = await vertex.ListCustomJobsAsync($"labels.{RequestLabel}={request.RequestId:N}", cancellationToken);
        return running.FirstOrDefault(j => j.State is not (JobStates.Failed or JobStates.Cancelled or JobStates.Expired))?.Name;
    }

    private async Task<string> SubmitAsync(VertexAiClient vertex, TrainingRequested request, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var image = settings.CustomJob.Image ?? throw new InvalidOperationException("Trainer:CustomJob:Image is required for Trainer:Backend CustomJob: the Trainer image the job runs");
        var bucket = google.Value.Bucket ?? throw new InvalidOperationException($"{GoogleApiOptions.Section}:Bucket is required for Trainer:Backend CustomJob: the job reads and writes the bucket");
        var job = await vertex.CreateCustomJobAsync(new CustomJob
        {
            DisplayName = $"mlops-train-{request.Model}-{request.RequestId:N}"[..Math.Min(128, 13 + request.Model.Length + 32)],
            Labels = new Dictionary<string, string> { [RequestLabel] = request.RequestId.ToString("N"), ["mlops-model"] = request.Model },
            JobSpec = new CustomJobSpec(
            [
                new WorkerPoolSpec(new MachineSpec(settings.CustomJob.MachineType), new ContainerSpec(image)
                {
                    Args = [TrainingJob.Flag, TrainingJob.RequestFlag, JsonSerializer.Serialize(request)],
                    Env = JobEnvironment(settings, $"{FuseRoot}/{bucket}"),
                }),
            ])
            {
                ServiceAccount = settings.CustomJob.ServiceAccount,
                BaseOutputDirectory = new GcsDestination(google.Value.GcsUri(TrainingJobFiles.Folder(request.RequestId))),
            },
        }, cancellationToken);
        var file = TrainingJobFiles.Job(store, request.RequestId);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await File.WriteAllTextAsync(file, job.Name, cancellationToken);
        logger.LogInformation("Training {Model} request {RequestId} runs as Vertex AI custom job {Job} on {Machine}", request.Model, request.RequestId, job.Name, settings.CustomJob.MachineType);
        return job.Name!;
    }

    // The job trains with this Trainer's settings, locally in its container, on the bucket.
    private static List<EnvVar> JobEnvironment(TrainerOptions settings, string root)
    {
        List<EnvVar> env =
        [
            new("MlOps__Artifacts__Root", root),
            new("Trainer__Backend", nameof(TrainingBackend.Local)),
            new("Trainer__DataPath", settings.DataPath),
            new("Trainer__SchemaPath", settings.SchemaPath),
            new("Trainer__NewestSnapshots", settings.NewestSnapshots.ToString(CultureInfo.InvariantCulture)),
            new("Trainer__Algorithm", settings.Algorithm.ToString()),
            new("Trainer__Seed", settings.Seed.ToString(CultureInfo.InvariantCulture)),
            new("Trainer__HoldoutFraction", settings.HoldoutFraction.ToString(CultureInfo.InvariantCulture)),
            new("Trainer__CategoricalEncoding", settings.CategoricalEncoding.ToString()),
            new("Trainer__StatePath", settings.StatePath),
        ];
        env.AddRange(settings.Parameters.Select(p => new EnvVar($"Trainer__Parameters__{p.Key}", p.Value.ToString(CultureInfo.InvariantCulture))));
        return env;
    }
}
