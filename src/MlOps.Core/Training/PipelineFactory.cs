using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;
using Microsoft.ML.Transforms;
using MlOps.Core.Schema;

namespace MlOps.Core.Training;

// Builds the ML.NET estimator chain for a schema: missing numerics replaced by the mean,
// categoricals coded (target-ordered codes for trees, one-hot for the linear learner), everything
// concatenated, then the chosen learner. Every mapping lives inside the saved model.
internal static class PipelineFactory
{
    /// <summary>Everything before the learner: missing numerics, category coding, the feature vector.</summary>
    public static IEstimator<ITransformer> Featurizer(
        MLContext ml,
        FeatureSchema schema,
        TrainerKind trainer,
        IReadOnlyDictionary<string, IReadOnlyList<KeyValuePair<string, float>>> categoryCodes,
        CategoricalEncoding encoding)
    {
        var oneHot = encoding == CategoricalEncoding.OneHot || (encoding == CategoricalEncoding.Auto && trainer == TrainerKind.Sdca);
        IEstimator<ITransformer> pipeline = new EstimatorChain<ITransformer>();
        var columns = new List<string>();
        var numeric = schema.NumericFeatures.Select(f => f.Name).ToArray();
        if (numeric.Length > 0)
        {
            pipeline = pipeline.Append(ml.Transforms.ReplaceMissingValues(
                numeric.Select(n => new InputOutputColumnPair(n, n)).ToArray(),
                MissingValueReplacingEstimator.ReplacementMode.Mean));
            columns.AddRange(numeric);
        }

        foreach (var feature in schema.CategoricalFeatures)
        {
            var output = ModelColumns.Encoded(feature.Name);
            pipeline = oneHot || categoryCodes[feature.Name].Count == 0
                ? pipeline.Append(ml.Transforms.Categorical.OneHotEncoding(output, feature.Name, OneHotEncodingEstimator.OutputKind.Indicator))
                : pipeline.Append(ml.Transforms.Conversion.MapValue(output, categoryCodes[feature.Name], feature.Name));
            columns.Add(output);
        }

        pipeline = pipeline.Append(ml.Transforms.Concatenate(ModelColumns.Features, [.. columns]));
        return trainer == TrainerKind.Sdca ? pipeline.Append(ml.Transforms.NormalizeMinMax(ModelColumns.Features)) : pipeline;
    }

    /// <summary>The learner, reading <see cref="ModelColumns.Features"/> and <see cref="ModelColumns.Label"/>.</summary>
    public static IEstimator<ITransformer> Learner(MLContext ml, TrainerKind trainer, IReadOnlyDictionary<string, double> p, int seed)
    {
        int? threads = p.TryGetValue(TrainerParameters.Threads, out var t) ? (int)t : null;
        return trainer switch
        {
            TrainerKind.FastTree => ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
            {
                LabelColumnName = ModelColumns.Label,
                FeatureColumnName = ModelColumns.Features,
                NumberOfTrees = (int)p[TrainerParameters.Trees],
                NumberOfLeaves = (int)p[TrainerParameters.Leaves],
                MinimumExampleCountPerLeaf = (int)p[TrainerParameters.MinLeaf],
                LearningRate = p[TrainerParameters.LearningRate],
                NumberOfThreads = threads,

                // Transposing in memory is a third faster to prepare than the default.
                DiskTranspose = false,
            }),
            TrainerKind.LightGbm => ml.BinaryClassification.Trainers.LightGbm(new LightGbmBinaryTrainer.Options
            {
                LabelColumnName = ModelColumns.Label,
                FeatureColumnName = ModelColumns.Features,
                NumberOfIterations = (int)p[TrainerParameters.Trees],
                NumberOfLeaves = (int)p[TrainerParameters.Leaves],
                MinimumExampleCountPerLeaf = (int)p[TrainerParameters.MinLeaf],
                LearningRate = p[TrainerParameters.LearningRate],
                NumberOfThreads = threads,
                Seed = seed,
            }),
            // SDCA's parallel updates are not reproducible, so one thread unless asked otherwise.
            TrainerKind.Sdca => ml.BinaryClassification.Trainers.SdcaLogisticRegression(new SdcaLogisticRegressionBinaryTrainer.Options
            {
                LabelColumnName = ModelColumns.Label,
                FeatureColumnName = ModelColumns.Features,
                L2Regularization = (float)p[TrainerParameters.L2],
                MaximumNumberOfIterations = (int)p[TrainerParameters.Iterations],
                NumberOfThreads = threads ?? 1,
            }),
            _ => throw new ArgumentOutOfRangeException(nameof(trainer)),
        };
    }
}
