using MlOps.Core.Evaluation;
using MlOps.Core.Training;

namespace MlOps.Core.Tests;

/// <summary>The holdout's confusion matrix and ROC curve, as the Trainer reports them beside the AUC.</summary>
public sealed class RocCurveTests
{
    private static readonly Lazy<TrainingResult> Trained = new(() => ModelTrainer.Train(TestData.Taxi(5000, seed: 9), new TrainingOptions()));

    [Fact]
    public void The_confusion_matrix_counts_every_holdout_row_and_agrees_with_accuracy_precision_and_recall()
    {
        var metrics = Trained.Value.Package.Metrics;
        var c = metrics.Confusion;

        Assert.Equal(Trained.Value.Holdout.RowCount, c.TruePositives + c.FalsePositives + c.TrueNegatives + c.FalseNegatives);
        Assert.Equal(metrics.Count, c.Total);
        Assert.Equal(metrics.Accuracy, (double)(c.TruePositives + c.TrueNegatives) / c.Total, 12);
        Assert.Equal(metrics.Precision, (double)c.TruePositives / (c.TruePositives + c.FalsePositives), 12);
        Assert.Equal(metrics.Recall, (double)c.TruePositives / (c.TruePositives + c.FalseNegatives), 12);
    }

    [Fact]
    public void The_roc_curve_of_a_real_holdout_runs_from_the_origin_to_one_one_monotonely_in_at_most_64_points_with_the_auc_as_its_area()
    {
        var metrics = Trained.Value.Package.Metrics;
        var roc = metrics.Roc!;

        Assert.InRange(roc.Count, 3, RocCurve.DefaultPoints);
        Assert.Equal((0.0, 0.0), (roc[0].FalsePositiveRate, roc[0].TruePositiveRate));
        Assert.Equal((1.0, 1.0), (roc[^1].FalsePositiveRate, roc[^1].TruePositiveRate));
        Assert.All(roc.Zip(roc.Skip(1)), pair => Assert.True(
            pair.Second.FalsePositiveRate >= pair.First.FalsePositiveRate && pair.Second.TruePositiveRate >= pair.First.TruePositiveRate && pair.Second.Threshold < pair.First.Threshold,
            $"{pair.First} then {pair.Second}"));
        Assert.InRange(RocCurve.Area(roc), metrics.Auc - 0.01, metrics.Auc + 0.01);
    }

    [Fact]
    public void Each_point_is_the_rates_at_its_threshold()
    {
        var labels = Trained.Value.Holdout.Labels.ToArray();
        var scores = Trained.Value.HoldoutProbabilities;
        var positives = labels.Count(l => l);

        foreach (var point in Trained.Value.Package.Metrics.Roc!)
        {
            var predicted = scores.Select((s, i) => (Positive: s >= point.Threshold, Label: labels[i])).Where(x => x.Positive).ToList();
            Assert.Equal(point.TruePositiveRate, (double)predicted.Count(x => x.Label) / positives, 12);
            Assert.Equal(point.FalsePositiveRate, (double)predicted.Count(x => !x.Label) / (labels.Length - positives), 12);
        }
    }

    [Fact]
    public void A_small_curve_keeps_every_vertex_and_tied_scores_move_it_diagonally_as_the_auc_counts_them()
    {
        bool[] labels = [true, false, true, false];
        float[] scores = [0.5f, 0.5f, 0.9f, 0.1f];

        var roc = RocCurve.Compute(labels, scores);

        Assert.Equal([(0.0, 0.0), (0.0, 0.5), (0.5, 1.0), (1.0, 1.0)], roc.Select(p => (p.FalsePositiveRate, p.TruePositiveRate)));
        Assert.Equal([0.9f, 0.5f, 0.1f], roc.Skip(1).Select(p => (float)p.Threshold));
        Assert.True(roc[0].Threshold > 0.9f);
        Assert.Equal(MetricsCalculator.Auc(labels, scores), RocCurve.Area(roc), 12);
    }

    [Fact]
    public void A_holdout_of_one_class_gives_the_chance_line()
    {
        var roc = RocCurve.Compute([true, true, true], [0.2f, 0.7f, 0.9f]);

        Assert.Equal([(0.0, 0.0), (1.0, 1.0)], roc.Select(p => (p.FalsePositiveRate, p.TruePositiveRate)));
        Assert.Equal(0.5, RocCurve.Area(roc));
    }
}
