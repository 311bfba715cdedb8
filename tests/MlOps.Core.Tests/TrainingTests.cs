using MlOps.Core.Synthetic;
using MlOps.Core.Training;

namespace MlOps.Core.Tests;

public sealed class TrainingTests
{
    private static readonly Lazy<MlOps.Core.Data.Dataset> Data = new(() => TestData.Taxi(6000, seed: 3));

    [Theory]
    [InlineData(TrainerKind.FastTree)]
    [InlineData(TrainerKind.LightGbm)]
    [InlineData(TrainerKind.Sdca)]
    public void The_same_data_and_seed_give_the_same_model(TrainerKind trainer)
    {
        var options = new TrainingOptions { Trainer = trainer, Seed = 7 };

        var first = ModelTrainer.Train(Data.Value, options);
        var second = ModelTrainer.Train(Data.Value, options);

        Assert.Equal(first.Package.Metrics, second.Package.Metrics);
        Assert.Equal(first.HoldoutProbabilities, second.HoldoutProbabilities);
        Assert.True(first.Package.Metrics.Auc > 0.75, $"{trainer} AUC {first.Package.Metrics.Auc}");
    }

    [Fact]
    public void A_different_seed_holds_out_different_rows()
    {
        var a = HoldoutSplit.Create(Data.Value.Labels, 0.2, 1);
        var b = HoldoutSplit.Create(Data.Value.Labels, 0.2, 2);

        Assert.NotEqual(a.Holdout, b.Holdout);
        Assert.Equal(a.Holdout.Length, b.Holdout.Length);
    }

    [Fact]
    public void The_holdout_is_stratified_and_disjoint_from_the_training_rows()
    {
        var labels = Data.Value.Labels.ToArray();
        var split = HoldoutSplit.Create(labels, 0.25, 9);

        Assert.Empty(split.Train.Intersect(split.Holdout));
        Assert.Equal(labels.Length, split.Train.Length + split.Holdout.Length);
        var overall = (double)Data.Value.PositiveCount / labels.Length;
        var holdoutRate = split.Holdout.Count(i => labels[i]) / (double)split.Holdout.Length;
        Assert.Equal(overall, holdoutRate, 2);
    }

    [Fact]
    public void Hyper_parameters_are_applied_and_recorded()
    {
        var options = new TrainingOptions { Parameters = new Dictionary<string, double> { ["trees"] = 20, ["leaves"] = 8 } };

        var package = ModelTrainer.Train(Data.Value, options).Package;

        Assert.Equal(20, package.Metadata.Parameters["trees"]);
        Assert.Equal(8, package.Metadata.Parameters["leaves"]);
        Assert.Equal(0.1, package.Metadata.Parameters["learningRate"]); // the default learner's own default, recorded too
    }

    [Fact]
    public void An_unknown_hyper_parameter_is_refused_by_name()
    {
        var options = new TrainingOptions { Trainer = TrainerKind.Sdca, Parameters = new Dictionary<string, double> { ["trees"] = 10 } };

        var error = Assert.Throws<ArgumentException>(() => ModelTrainer.Train(Data.Value, options));

        Assert.Contains("'trees' is not a Sdca parameter", error.Message);
    }

    [Fact]
    public void Too_few_rows_of_a_class_is_a_training_error()
    {
        var result = TestData.LoadCsv("distance,hour,payment,zone,tip_bin\n1,1,card,a,1\n2,2,card,a,0\n3,3,card,a,0\n", TestData.TinySchema);

        var error = Assert.Throws<TrainingException>(() => ModelTrainer.Train(result.Dataset!, new TrainingOptions()));

        Assert.Contains("at least 2 rows of each class", error.Message);
    }

    [Fact]
    public void A_model_trained_before_a_behaviour_change_loses_to_one_trained_after_it()
    {
        var before = ModelTrainer.Train(Data.Value, new TrainingOptions()).Package;
        var after = ModelTrainer.Train(TestData.Taxi(6000, seed: 4, DriftScenario.AirportSurge), new TrainingOptions());

        var championOnNewHoldout = Evaluation.PackageEvaluator.Evaluate(before, after.Holdout);

        Assert.True(after.Package.Metrics.Auc - championOnNewHoldout.Auc > 0.05, $"challenger {after.Package.Metrics.Auc:F4} vs champion {championOnNewHoldout.Auc:F4}");
    }

    [Theory]
    [InlineData(TrainerKind.FastTree, CategoricalEncoding.Auto, "ordered")]
    [InlineData(TrainerKind.Sdca, CategoricalEncoding.Auto, "one-hot")]
    [InlineData(TrainerKind.LightGbm, CategoricalEncoding.OneHot, "one-hot")]
    [InlineData(TrainerKind.Sdca, CategoricalEncoding.Ordered, "ordered")]
    public void The_categorical_encoding_is_chosen_per_learner_or_by_hand_and_recorded(TrainerKind trainer, CategoricalEncoding encoding, string recorded)
    {
        var result = ModelTrainer.Train(Data.Value, new TrainingOptions { Trainer = trainer, CategoricalEncoding = encoding });

        Assert.Equal(recorded, result.Package.Metadata.CategoricalEncoding);
        Assert.True(result.Package.Metrics.Auc > 0.75, $"{trainer} {encoding}: AUC {result.Package.Metrics.Auc}");
        Assert.True(result.Package.Verify().Passed);
    }

    [Fact]
    public void Ordered_codes_rank_categories_by_their_positive_rate_in_the_training_rows_only()
    {
        var csv = "distance,hour,payment,zone,tip_bin\n" + string.Join("\n",
            Enumerable.Range(0, 40).Select(i => $"1,1,{(i % 2 == 0 ? "card" : "cash")},{(i < 20 ? "a" : "b")},{(i % 2 == 0 && i < 36 ? 1 : 0)}"));
        var data = TestData.LoadCsv(csv, TestData.TinySchema).Dataset!;

        var codes = CategoryOrder.Compute(data, Enumerable.Range(0, 36).ToArray());

        Assert.Equal(["cash", "card"], codes["payment"].Select(kv => kv.Key));
        Assert.Equal([1f, 2f], codes["payment"].Select(kv => kv.Value));
    }
}
