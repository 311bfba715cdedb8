namespace MlOps.Core.Evaluation;

/// <summary>Computes <see cref="BinaryMetrics"/> from labels and predicted probabilities: the confusion matrix and the rates at <c>threshold</c>, the AUC and ROC curve over every threshold.</summary>
public static class MetricsCalculator
{
    private const double Epsilon = 1e-15;

    public static BinaryMetrics Compute(ReadOnlySpan<bool> labels, ReadOnlySpan<float> probabilities, double threshold = 0.5)
    {
        if (labels.Length != probabilities.Length)
        {
            throw new ArgumentException($"{labels.Length} labels but {probabilities.Length} probabilities");
        }

        if (labels.IsEmpty)
        {
            throw new ArgumentException("no rows to evaluate");
        }

        long tp = 0, fp = 0, tn = 0, fn = 0;
        double logLoss = 0;
        for (var i = 0; i < labels.Length; i++)
        {
            var p = Math.Clamp((double)probabilities[i], Epsilon, 1 - Epsilon);
            var predicted = probabilities[i] >= threshold;
            (tp, fp, tn, fn) = (labels[i], predicted) switch
            {
                (true, true) => (tp + 1, fp, tn, fn),
                (false, true) => (tp, fp + 1, tn, fn),
                (false, false) => (tp, fp, tn + 1, fn),
                (true, false) => (tp, fp, tn, fn + 1),
            };
            logLoss -= labels[i] ? Math.Log(p) : Math.Log(1 - p);
        }

        var n = labels.Length;
        var precision = tp + fp == 0 ? 0 : (double)tp / (tp + fp);
        var recall = tp + fn == 0 ? 0 : (double)tp / (tp + fn);
        var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return new BinaryMetrics(
            Auc(labels, probabilities),
            (double)(tp + tn) / n,
            f1,
            precision,
            recall,
            logLoss / n,
            new ConfusionMatrix(tp, fp, tn, fn),
            n,
            (double)(tp + fn) / n,
            threshold,
            RocCurve.Compute(labels, probabilities));
    }

    /// <summary>Area under the ROC curve (Mann-Whitney U with tied scores counted half); 0.5 when a class is absent.</summary>
    public static double Auc(ReadOnlySpan<bool> labels, ReadOnlySpan<float> scores)
    {
        var order = new int[scores.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        var keys = scores.ToArray();
        Array.Sort(keys, order);

        long positives = 0;
        double rankSum = 0;
        var start = 0;
        while (start < order.Length)
        {
            var end = start;
            while (end + 1 < order.Length && keys[end + 1] == keys[start])
            {
                end++;
            }

            var averageRank = (start + end) / 2.0 + 1;
            for (var k = start; k <= end; k++)
            {
                if (labels[order[k]])
                {
                    positives++;
                    rankSum += averageRank;
                }
            }

            start = end + 1;
        }

        var negatives = order.Length - positives;
        if (positives == 0 || negatives == 0)
        {
            return 0.5;
        }

        return (rankSum - positives * (positives + 1) / 2.0) / (positives * (double)negatives);
    }
}
