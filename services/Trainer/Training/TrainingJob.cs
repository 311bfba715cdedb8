using System.Text.Json;
using Microsoft.Extensions.Options;
using MlOps.Contracts;
using MlOps.Platform.Artifacts;
using MlOps.Platform.Configuration;

namespace MlOps.Trainer.Training;

/// <summary>
/// The Trainer image as a job (<c>--job --request {json}</c>): one training run, its outcome written to
/// the request's job folder, then exit — 0 when the run ended (trained or failed with its errors: a
/// result, not a crash), 1 when it could not run at all. What a custom job runs.
/// </summary>
public static class TrainingJob
{
    public const string Flag = "--job";
    public const string RequestFlag = "--request";

    public static bool IsJob(string[] args) => args.Contains(Flag, StringComparer.Ordinal);

    public static async Task<int> RunAsync(string[] args)
    {
        var at = Array.IndexOf(args, RequestFlag);
        if (at < 0 || at + 1 >= args.Length || JsonSerializer.Deserialize<TrainingRequested>(args[at + 1]) is not { } request)
        {
            await Console.Error.WriteLineAsync($"error: {Flag} needs {RequestFlag} followed by the TrainingRequested message as JSON");
            return 2;
        }

        var builder = Host.CreateApplicationBuilder(args.Where((_, i) => i != at && i != at + 1 && args[i] != Flag).ToArray());
        builder.AddArtifactStore();
        builder.AddSettings<TrainerOptions>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ChampionDirectory>();
        builder.Services.AddSingleton<TrainingRunner>();
        using var host = builder.Build();
        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(TrainingJob));
        try
        {
            _ = host.Services.GetRequiredService<IOptions<TrainerOptions>>().Value;
            var store = host.Services.GetRequiredService<ArtifactStore>();
            var runner = host.Services.GetRequiredService<TrainingRunner>();
            var outcome = runner.Completed(request) is { } done ? new TrainingOutcome.Trained(done) : runner.Run(request, CancellationToken.None);
            var file = TrainingJobFiles.Outcome(store, request.RequestId);
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            var written = outcome switch
            {
                TrainingOutcome.Trained(var trained) => new JobOutcome(trained, null),
                TrainingOutcome.Failed(var failed) => new JobOutcome(null, failed),
                _ => throw new InvalidOperationException($"a training run ended in {outcome.GetType().Name}"),
            };
            await File.WriteAllTextAsync($"{file}.tmp", JsonSerializer.Serialize(written));
            File.Move($"{file}.tmp", file, overwrite: true);
            logger.LogInformation("Training job for {Model} request {RequestId} ended: {Outcome}", request.Model, request.RequestId, written.Trained is null ? "failed" : "trained");
            return 0;
        }
        catch (Exception e) when (e is OptionsValidationException or IOException or UnauthorizedAccessException or InvalidOperationException or ArgumentException)
        {
            logger.LogError(e, "Training job for {Model} request {RequestId} could not run", request.Model, request.RequestId);
            return 1;
        }
    }
}
