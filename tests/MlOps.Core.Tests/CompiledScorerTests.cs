using MlOps.Core.Packaging;
using MlOps.Core.Scoring;
using MlOps.Core.Synthetic;
using MlOps.Core.Training;

namespace MlOps.Core.Tests;

public sealed class CompiledScorerTests
{
    private static ModelPackage Reloaded(ModelPackage package)
    {
        using var temp = new TempDirectory();
        package.Save(temp.File("p"));
        return ModelPackage.Load(temp.File("p"));
    }

    [Theory]
    [InlineData(TrainerKind.FastTree)]
    [InlineData(TrainerKind.LightGbm)]
    public void Tree_models_are_served_by_the_flat_evaluator_with_exactly_ml_nets_probabilities(TrainerKind trainer)
    {
        var trained = ModelTrainer.Train(TestData.Taxi(5000, seed: 8), new TrainingOptions { Trainer = trainer });
        var package = Reloaded(trained.Package);
        var reference = new ModelScorer(package.Model, package.Schema);
        var traffic = TestData.Taxi(20_000, seed: 9, DriftScenario.AirportSurge);

        var fast = package.Scorer.ScoreAll(traffic);
        var exact = reference.ScoreAll(traffic);

        Assert.True(package.Scorer.Compiled);
        Assert.False(reference.Compiled);
        Assert.Equal(exact.Select(BitConverter.SingleToInt32Bits), fast.Select(BitConverter.SingleToInt32Bits));
    }

    // Trees are walked four at a time; a count that is not a multiple of four leaves a tail walked alone.
    [Theory]
    [InlineData(TrainerKind.FastTree, 7)]
    [InlineData(TrainerKind.LightGbm, 9)]
    [InlineData(TrainerKind.LightGbm, 2)]
    public void Any_number_of_trees_scores_exactly_as_ml_net(TrainerKind trainer, int trees)
    {
        var options = new TrainingOptions { Trainer = trainer, Parameters = new Dictionary<string, double> { ["trees"] = trees } };
        var package = Reloaded(ModelTrainer.Train(TestData.Taxi(3000, seed: 4), options).Package);
        var traffic = TestData.Taxi(5000, seed: 5, DriftScenario.AirportSurge);

        var fast = package.Scorer.ScoreAll(traffic);
        var exact = new ModelScorer(package.Model, package.Schema).ScoreAll(traffic);

        Assert.True(package.Scorer.Compiled);
        Assert.Equal(exact.Select(BitConverter.SingleToInt32Bits), fast.Select(BitConverter.SingleToInt32Bits));
    }

    [Fact]
    public void Missing_numbers_and_missing_or_unseen_categories_score_as_ml_net_does()
    {
        var package = Reloaded(ModelTrainer.Train(TestData.Taxi(5000, seed: 8), new TrainingOptions()).Package);
        var fast = package.Scorer.Rent();
        var exact = new ModelScorer(package.Model, package.Schema).Rent();
        string?[][] categories = [["credit_card", "SoHo", "JFK Airport"], ["bitcoin", "Mars", "SoHo"], [null, null, "Midtown Center"]];

        foreach (var values in categories)
        {
            foreach (var engine in new[] { fast, exact })
            {
                float[] numeric = [7, 11, 4, float.NaN, 44, float.NaN];
                numeric.CopyTo(engine.Numeric, 0);
                for (var c = 0; c < 3; c++)
                {
                    engine.Categorical[c] = (values[c] ?? "").AsMemory();
                }
            }

            Assert.Equal(BitConverter.SingleToInt32Bits(exact.Score()), BitConverter.SingleToInt32Bits(fast.Score()));
        }
    }

    [Theory]
    [InlineData(TrainerKind.Sdca, CategoricalEncoding.Auto)]
    [InlineData(TrainerKind.FastTree, CategoricalEncoding.OneHot)]
    public void Models_the_evaluator_cannot_mirror_stay_on_ml_net(TrainerKind trainer, CategoricalEncoding encoding)
    {
        var package = Reloaded(ModelTrainer.Train(TestData.Taxi(3000, seed: 8), new TrainingOptions { Trainer = trainer, CategoricalEncoding = encoding }).Package);

        Assert.False(package.Scorer.Compiled);
        Assert.True(package.Verify().Passed);
    }
}
