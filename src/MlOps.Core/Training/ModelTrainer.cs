using System.Diagnostics;
using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlOps.Core.Data;
using MlOps.Core.Evaluation;
using MlOps.Core.Packaging;
using MlOps.Core.Scoring;
using MlOps.Core.Statistics;

namespace MlOps.Core.Training;

/// <summary>Trains a binary classifier on a validated dataset and packages it with its evaluation.</summary>
public static class ModelTrainer
{
    public const int VerificationSamples = 64;
    private const int MinimumRowsPerClass = 2;

    public static string CodeVersion { get; } =
        typeof(ModelTrainer).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    private static string MlNetVersion { get; } =
        typeof(MLContext).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "unknown";

    public static TrainingResult Train(Dataset data, TrainingOptions options, TrainingContext? context = null)
    {
        context ??= new TrainingContext();
        var total = Stopwatch.StartNew();
        var parameters = TrainerParameters.Resolve(options.Trainer, options.Parameters);
        var positives = data.PositiveCount;
        if (positives < MinimumRowsPerClass || data.RowCount - positives < MinimumRowsPerClass)
        {
            throw new TrainingException($"training needs at least {MinimumRowsPerClass} rows of each class; the data has {positives} positive and {data.RowCount - positives} negative rows");
        }

        var split = HoldoutSplit.Create(data.Labels, options.HoldoutFraction, options.Seed);
        if (split.Holdout.Length == 0 || split.Train.Length == 0)
        {
            throw new TrainingException($"{data.RowCount} rows are too few to hold out {options.HoldoutFraction:P0} for evaluation");
        }

        context.Progress?.Report($"training {options.Trainer} on {split.Train.Length:N0} rows");
        var watch = Stopwatch.StartNew();
        var ml = new MLContext(options.Seed);
        var codes = CategoryOrder.Compute(data, split.Train);
        var encoding = EncodingFor(options);
        var model = Fit(ml, data, split.Train, options, parameters, codes, LearnerInput.Direct, out _);
        var trainMs = watch.Elapsed.TotalMilliseconds;

        context.Progress?.Report($"evaluating on {split.Holdout.Length:N0} holdout rows");
        watch.Restart();
        var holdout = data.Subset(split.Holdout);
        var scorer = new Scoring.ModelScorer(model, data.Schema);
        var probabilities = scorer.ScoreAll(holdout);
        var metrics = MetricsCalculator.Compute(holdout.Labels, probabilities);
        var evaluateMs = watch.Elapsed.TotalMilliseconds;

        context.Progress?.Report("computing baseline statistics");
        watch.Restart();
        var baseline = BaselineBuilder.Compute(data);
        var baselineMs = watch.Elapsed.TotalMilliseconds;

        var metadata = new PackageMetadata(
            FormatVersion: 1,
            context.ModelName,
            context.Time.GetUtcNow(),
            options.Trainer.ToString(),
            parameters,
            options.Seed,
            options.HoldoutFraction,
            new DatasetSummary(data.Info.Fingerprint, data.Info.Files.Select(Path.GetFileName).ToList()!, data.RowCount, split.Train.Length, split.Holdout.Length, (double)positives / data.RowCount, data.Info.NegativeClass),
            CodeVersion,
            MlNetVersion,
            new TrainingTimings(context.LoadMs, trainMs, evaluateMs, baselineMs, context.LoadMs + total.Elapsed.TotalMilliseconds),
            encoding,
            encoding == "ordered" ? codes.ToDictionary(kv => kv.Key, kv => (IReadOnlyDictionary<string, float>)kv.Value.ToDictionary(c => c.Key, c => c.Value)) : null);
        var package = new ModelPackage(model, data.Schema, metrics, baseline, metadata, Samples(holdout, probabilities));
        return new TrainingResult(package, holdout, probabilities);
    }

    /// <summary>
    /// Fits the featurizer, then the learner on what the featurizer produces, and returns both as
    /// one chain. When every feature is one slot the learner reads feature columns encoded once
    /// (<see cref="LearnerInput.Direct"/>) — the same values the transform chain would give it, as
    /// <see cref="Featurization"/> learns them from the fitted featurizer — which saves FastTree and
    /// LightGbm a pass per read through the transform chain.
    /// </summary>
    internal static TransformerChain<ITransformer> Fit(
        MLContext ml,
        Dataset data,
        int[] rows,
        TrainingOptions options,
        IReadOnlyDictionary<string, double> parameters,
        IReadOnlyDictionary<string, IReadOnlyList<KeyValuePair<string, float>>> codes,
        LearnerInput input,
        out LearnerInput used)
    {
        var view = new DatasetDataView(data, rows);
        var featurizer = PipelineFactory.Featurizer(ml, data.Schema, options.Trainer, codes, options.CategoricalEncoding).Fit(view);
        var learner = PipelineFactory.Learner(ml, options.Trainer, parameters, options.Seed);
        var featurization = input == LearnerInput.Direct && EncodingFor(options) == "ordered"
            ? Featurization.Probe(featurizer, data.Schema, codes.ToDictionary(kv => kv.Key, kv => (IReadOnlyDictionary<string, float>)kv.Value.ToDictionary()))
            : null;
        IDataView learnerData = featurization is null
            ? featurizer.Transform(view)
            : new FeatureMatrixView(featurization.EncodeColumns(data, rows), Pick(data.Labels, rows), featurizer.GetOutputSchema(view.Schema)[ModelColumns.Features]);
        used = featurization is null ? LearnerInput.TransformChain : LearnerInput.Direct;
        ITransformer[] steps = featurizer is IEnumerable<ITransformer> chain ? [.. chain] : [featurizer];
        return new TransformerChain<ITransformer>([.. steps, learner.Fit(learnerData)]);
    }

    private static bool[] Pick(ReadOnlySpan<bool> labels, int[] rows)
    {
        var picked = new bool[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            picked[i] = labels[rows[i]];
        }

        return picked;
    }

    private static string EncodingFor(TrainingOptions options) => options.CategoricalEncoding switch
    {
        CategoricalEncoding.Auto => options.Trainer == TrainerKind.Sdca ? "one-hot" : "ordered",
        CategoricalEncoding.OneHot => "one-hot",
        _ => "ordered",
    };

    private static List<VerificationSample> Samples(Dataset holdout, float[] probabilities)
    {
        var schema = holdout.Schema;
        var samples = new List<VerificationSample>();
        for (var row = 0; row < Math.Min(VerificationSamples, holdout.RowCount); row++)
        {
            var numeric = new float?[schema.NumericFeatures.Count];
            var categorical = new string?[schema.CategoricalFeatures.Count];
            for (var n = 0; n < numeric.Length; n++)
            {
                var v = holdout.Numeric(n, row);
                numeric[n] = float.IsNaN(v) ? null : v;
            }

            for (var c = 0; c < categorical.Length; c++)
            {
                categorical[c] = holdout.Categorical(c, row);
            }

            samples.Add(new VerificationSample(numeric, categorical, probabilities[row]));
        }

        return samples;
    }
}

/// <summary>How the learner reads its training rows; both give the same model.</summary>
internal enum LearnerInput
{
    /// <summary>Each row through the fitted transform chain.</summary>
    TransformChain,

    /// <summary>Feature columns encoded once, when every feature is one slot; otherwise the transform chain.</summary>
    Direct,
}
