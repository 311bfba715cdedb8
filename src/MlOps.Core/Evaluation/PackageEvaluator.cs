using MlOps.Core.Data;
using MlOps.Core.Packaging;

namespace MlOps.Core.Evaluation;

/// <summary>Evaluates any package on a labelled dataset, such as a challenger's holdout, at the package's own decision threshold.</summary>
public static class PackageEvaluator
{
    public static BinaryMetrics Evaluate(ModelPackage package, Dataset data) =>
        MetricsCalculator.Compute(data.Labels, package.Scorer.ScoreAll(data), package.Metrics.Threshold);
}
