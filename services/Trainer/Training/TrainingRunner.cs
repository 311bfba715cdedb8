using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using MlOps.Contracts;
using MlOps.Core.Data;
using MlOps.Core.Evaluation;
using MlOps.Core.Packaging;
using MlOps.Core.Schema;
using MlOps.Core.Training;
using MlOps.Core.Validation;
using MlOps.Platform.Artifacts;

namespace MlOps.Trainer.Training;

/// <summary>
/// One training run: read and validate the data, train, evaluate the challenger and the champion on
/// the same holdout, write the package atomically and check it reproduces its evaluation.
/// </summary>
public sealed class TrainingRunner(
    ArtifactStore store,
    ChampionDirectory champions,
    IOptions<TrainerOptions> options,
    TimeProvider time,
    ILogger<TrainingRunner> logger)
{
    // A failure carries every problem the reader kept (its detail limit is 10,000 by default) while they
    // fit well inside one Pub/Sub message (10 MB): only pathological cells, megabytes long, stop the list
    // short. TrainingFailed.ErrorCount is the exact total either way.
    public const int MaxErrorsInMessage = 10_000;
    public const int MaxErrorBytesInMessage = 4_000_000;
    private const string RunFile = "run.json";

    /// <summary>The failure of a request that names no valid model or a dataset outside the artifact store, naming each field; null for a request that may run.</summary>
    public TrainingFailed? Refusal(TrainingRequested request)
    {
        List<string> errors = [];
        if (ModelNames.Problem(request.Model) is { } model)
        {
            errors.Add($"model: {model}");
        }

        if (request.DatasetPath is not null && store.Outside(request.DatasetPath) is { } outside)
        {
            errors.Add($"datasetPath: {outside}");
        }

        // A message off the wire may carry no model at all, whatever the contract's type says.
        return errors.Count == 0 ? null : new TrainingFailed(request.RequestId, request.Model ?? "", request.Reason, errors, errors.Count, time.GetUtcNow());
    }

    /// <summary>A run for this request already finished (a redelivered message): its result, to publish again.</summary>
    public ModelTrained? Completed(TrainingRequested request)
    {
        var runFile = Path.Combine(store.Resolve(ArtifactStore.PackageUri(request.Model, request.RequestId)), RunFile);
        return File.Exists(runFile) ? JsonSerializer.Deserialize<ModelTrained>(File.ReadAllText(runFile)) : null;
    }

    public TrainingOutcome Run(TrainingRequested request, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var watch = Stopwatch.StartNew();
        var dataPath = store.Resolve(request.DatasetPath ?? settings.DataPath);
        FeatureSchema schema;
        DatasetLoadResult loaded;
        try
        {
            schema = FeatureSchemaFile.Load(SchemaPath(dataPath, settings));
            loaded = DatasetReader.Load(DatasetSource.FromPath(dataPath, request.NewestSnapshots ?? settings.NewestSnapshots), schema);
        }
        catch (Exception e) when (e is SchemaException or FileNotFoundException or DirectoryNotFoundException)
        {
            return Failed(request, [e.Message], 1);
        }

        if (loaded.Dataset is null)
        {
            var report = loaded.Report;
            logger.LogWarning("Training data for {Model} is not valid: {Problems} problem(s), first: {First}", request.Model, report.TotalIssues, report.Summary());
            return Failed(request, InMessage(report.Issues), report.TotalIssues);
        }

        cancellationToken.ThrowIfCancellationRequested();
        var training = new TrainingOptions
        {
            Trainer = settings.Algorithm,
            Seed = settings.Seed,
            HoldoutFraction = settings.HoldoutFraction,
            Parameters = settings.Parameters,
            CategoricalEncoding = settings.CategoricalEncoding,
        };
        TrainingResult result;
        try
        {
            result = ModelTrainer.Train(loaded.Dataset, training, new TrainingContext { ModelName = request.Model, LoadMs = watch.Elapsed.TotalMilliseconds, Time = time });
        }
        catch (Exception e) when (e is TrainingException or ArgumentException)
        {
            return Failed(request, [e.Message], 1);
        }

        var champion = champions.Get(request.Model);
        var championEvaluation = champion is null ? null : EvaluateChampion(champion, result);
        var uri = ArtifactStore.PackageUri(request.Model, request.RequestId);
        var problem = WritePackage(result.Package, uri);
        if (problem is not null)
        {
            return Failed(request, [problem], 1);
        }

        var package = result.Package;
        var trained = new ModelTrained(
            request.RequestId,
            request.Model,
            uri,
            Metrics(package.Metrics),
            championEvaluation,
            new Lineage(
                package.Metadata.Dataset.Fingerprint,
                package.Metadata.Dataset.Files,
                package.Metadata.Dataset.Rows,
                package.Metadata.CodeVersion,
                package.Metadata.Trainer,
                package.Metadata.Seed,
                request.Reason,
                request.DriftAlertId,
                champion?.Version,
                package.Metadata.Parameters),
            time.GetUtcNow());
        try
        {
            File.WriteAllText(Path.Combine(store.Resolve(uri), RunFile), JsonSerializer.Serialize(trained));
        }
        catch (IOException e)
        {
            TryDelete(store.Resolve(uri));
            return Failed(request, [Unwritable(uri, e)], 1);
        }

        logger.LogInformation("Trained {Model} request {RequestId}: AUC {Auc:F4} (champion {ChampionAuc}) in {Seconds:F1} s",
            request.Model, request.RequestId, package.Metrics.Auc, championEvaluation?.Metrics.Auc.ToString("F4") ?? "none", watch.Elapsed.TotalSeconds);
        return new TrainingOutcome.Trained(trained);
    }

    public static ModelMetrics Metrics(BinaryMetrics m) => new(
        m.Auc,
        m.Accuracy,
        m.F1,
        m.Precision,
        m.Recall,
        m.LogLoss,
        m.Count,
        new Contracts.ConfusionMatrix(m.Confusion.TruePositives, m.Confusion.FalsePositives, m.Confusion.TrueNegatives, m.Confusion.FalseNegatives),
        m.Roc?.Select(p => new Contracts.RocPoint(p.FalsePositiveRate, p.TruePositiveRate, p.Threshold)).ToList());

    private static List<string> InMessage(IEnumerable<ValidationIssue> issues)
    {
        var errors = new List<string>();
        long bytes = 0;
        foreach (var issue in issues.Take(MaxErrorsInMessage))
        {
            var text = issue.ToString();
            bytes += Encoding.UTF8.GetByteCount(text);
            if (bytes > MaxErrorBytesInMessage)
            {
                break;
            }

            errors.Add(text);
        }

        return errors;
    }

    private static string SchemaPath(string dataPath, TrainerOptions settings)
    {
        var local = Path.Combine(dataPath, "schema.json");
        return Directory.Exists(dataPath) && File.Exists(local) ? local : settings.SchemaPath;
    }

    private ChampionEvaluation? EvaluateChampion(ChampionRef champion, TrainingResult result)
    {
        try
        {
            var package = ModelPackage.Load(store.Resolve(champion.PackageUri));
            return new ChampionEvaluation(champion.Version, champion.PackageUri, Metrics(PackageEvaluator.Evaluate(package, result.Holdout)));
        }
        catch (Exception e) when (e is PackageException or InvalidOperationException)
        {
            logger.LogWarning(e, "Champion v{Version} could not be evaluated on the new holdout", champion.Version);
            return null;
        }
    }

    // Written to a temporary folder and moved into place, so a crash never leaves a package that
    // looks complete; then reloaded to prove it reproduces its own evaluation.
    // A file system that refuses the write (full, read-only) fails the run with its reason rather than
    // the message: retrying at once would meet the same disk, and the request would end in no outcome.
    private string? WritePackage(ModelPackage package, string uri)
    {
        var path = store.Resolve(uri);
        var temporary = $"{path}.tmp-{Guid.NewGuid():N}";
        try
        {
            package.Save(temporary);
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }

            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            Directory.Move(temporary, path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
            return Unwritable(uri, e);
        }

        var verification = ModelPackage.Load(path).Verify();
        return verification.Passed ? null : $"the written package does not reproduce its evaluation: {verification.Problem}";
    }

    private static string Unwritable(string package, Exception e) =>
        $"the package {package} could not be written to the artifact folder: {e.Message}";

    private static void TryDelete(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }

    private TrainingOutcome.Failed Failed(TrainingRequested request, IReadOnlyList<string> errors, long count) =>
        new(new TrainingFailed(request.RequestId, request.Model, request.Reason, errors, count, time.GetUtcNow()));
}
