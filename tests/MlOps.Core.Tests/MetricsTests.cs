using Microsoft.ML;
using MlOps.Core.Evaluation;
using MlOps.Core.Training;

namespace MlOps.Core.Tests;

public sealed class MetricsTests
{
    [Fact]
    public void Metrics_on_a_tiny_dataset_match_the_hand_computed_values()
    {
        bool[] labels = [true, true, false, false, true, false];
        float[] probabilities = [0.9f, 0.4f, 0.35f, 0.1f, 0.8f, 0.6f];

        var m = MetricsCalculator.Compute(labels, probabilities);

        // Positives outrank negatives in 8 of 9 pairs (0.4 < 0.6 is the only miss).
        Assert.Equal(8.0 / 9, m.Auc, 10);
        Assert.Equal(new ConfusionMatrix(2, 1, 2, 1), m.Confusion);
        Assert.Equal(4.0 / 6, m.Accuracy, 10);
        Assert.Equal(2.0 / 3, m.Precision, 10);
        Assert.Equal(2.0 / 3, m.Recall, 10);
        Assert.Equal(2.0 / 3, m.F1, 10);
        var logLoss = -(Math.Log(0.9f) + Math.Log(0.4f) + Math.Log(1 - 0.35f) + Math.Log(1 - 0.1f) + Math.Log(0.8f) + Math.Log(1 - 0.6f)) / 6;
        Assert.Equal(logLoss, m.LogLoss, 6);
        Assert.Equal(0.5, m.PositiveRate);
    }

    [Fact]
    public void Tied_scores_count_half_in_the_auc()
    {
        Assert.Equal(0.5, MetricsCalculator.Auc([true, false], [0.3f, 0.3f]));
        // Pairs (positive, negative): (0.5, 0.5) ties, the other three are won: 3.5 of 4.
        Assert.Equal(0.875, MetricsCalculator.Auc([true, false, true, false], [0.5f, 0.5f, 0.9f, 0.1f]));
    }

    [Fact]
    public void A_perfect_and_a_reversed_ranking_give_auc_one_and_zero()
    {
        Assert.Equal(1.0, MetricsCalculator.Auc([false, false, true], [0.1f, 0.2f, 0.9f]));
        Assert.Equal(0.0, MetricsCalculator.Auc([true, true, false], [0.1f, 0.2f, 0.9f]));
    }

    [Fact]
    public void Our_metrics_agree_with_ml_net_on_a_real_holdout()
    {
        var result = ModelTrainer.Train(TestData.Taxi(4000), new TrainingOptions());
        var ml = new MLContext(0);
        var rows = result.Holdout.Labels.ToArray().Select((label, i) => new Scored
        {
            Label = label,
            Probability = result.HoldoutProbabilities[i],
            PredictedLabel = result.HoldoutProbabilities[i] >= 0.5f,
            Score = (float)Math.Log(result.HoldoutProbabilities[i] / (1 - result.HoldoutProbabilities[i])),
        });
        var reference = ml.BinaryClassification.Evaluate(ml.Data.LoadFromEnumerable(rows));

        var ours = result.Package.Metrics;

        Assert.Equal(reference.AreaUnderRocCurve, ours.Auc, 6);
        Assert.Equal(reference.Accuracy, ours.Accuracy, 6);
        // ML.NET reports log-loss in bits; ours is in nats, as sklearn's is.
        Assert.Equal(reference.LogLoss, ours.LogLoss / Math.Log(2), 4);
    }

    private sealed class Scored
    {
        public bool Label { get; set; }

        public float Score { get; set; }

        public float Probability { get; set; }

        public bool PredictedLabel { get; set; }
    }
}
