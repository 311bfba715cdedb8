using MlOps.Core.Data;
using MlOps.Core.Packaging;

namespace MlOps.Core.Evaluation;

/// <summary>Evaluates any package on a labelled dataset, such as a challenger's holdout.</summary>
public static class PackageEvaluator
{
    public static BinaryMetrics Evaluate(ModelPackage package, Dataset data) =>
        MetricsCalculator.Compute(data.Labels, package.Scorer.ScoreAll(data));
}
