using Microsoft.ML;
using MlOps.Core.Data;
using MlOps.Core.Scoring;
using MlOps.Core.Synthetic;
using MlOps.Core.Training;

namespace MlOps.Core.Tests;

public sealed class LearnerInputTests
{
    // Generated trips with holes: missing durations and distances, missing payment types and zones.
    private static Dataset TaxiWithGaps(int rows, int seed, DriftScenario scenario = DriftScenario.None)
    {
        var builder = new DatasetBuilder(TaxiTripGenerator.Schema, rows);
        var i = 0;
        foreach (var trip in new TaxiTripGenerator(seed, scenario).Generate(rows))
        {
            i++;
            builder.Add(
                [trip.Month, trip.Day, trip.DayOfWeek, trip.Hour, i % 7 == 0 ? float.NaN : (float)trip.DurationMinutes, i % 13 == 0 ? float.NaN : (float)trip.DistanceMiles],
                [i % 11 == 0 ? null : trip.PaymentType, i % 17 == 0 ? null : trip.PickupZone, trip.DropoffZone],
                trip.TipBin);
        }

        return builder.Build(new DatasetInfo($"gaps-{seed}-{scenario}", [], rows, "0"));
    }

    private static (ITransformer Model, LearnerInput Used) Fit(Dataset data, int[] rows, TrainingOptions options, LearnerInput input)
    {
        var model = ModelTrainer.Fit(
            new MLContext(options.Seed),
            data,
            rows,
            options,
            TrainerParameters.Resolve(options.Trainer, options.Parameters),
            CategoryOrder.Compute(data, rows),
            input,
            out var used);
        return (model, used);
    }

    [Theory]
    [InlineData(TrainerKind.FastTree)]
    [InlineData(TrainerKind.LightGbm)]
    public void A_tree_learner_reading_encoded_columns_learns_the_model_the_transform_chain_gives(TrainerKind trainer)
    {
        var data = TaxiWithGaps(4000, seed: 3);
        var rows = Enumerable.Range(0, data.RowCount).Where(r => r % 5 != 0).ToArray();
        var options = new TrainingOptions { Trainer = trainer };

        var direct = Fit(data, rows, options, LearnerInput.Direct);
        var chained = Fit(data, rows, options, LearnerInput.TransformChain);

        Assert.Equal((LearnerInput.Direct, LearnerInput.TransformChain), (direct.Used, chained.Used));
        // Traffic the training rows never saw: another regime, with the same kinds of holes.
        var traffic = TaxiWithGaps(5000, seed: 4, DriftScenario.AirportSurge);
        var expected = new ModelScorer(chained.Model, data.Schema).ScoreAll(traffic);
        var actual = new ModelScorer(direct.Model, data.Schema).ScoreAll(traffic);
        Assert.Equal(expected.Select(BitConverter.SingleToInt32Bits), actual.Select(BitConverter.SingleToInt32Bits));
    }

    [Theory]
    [InlineData(TrainerKind.Sdca, CategoricalEncoding.Auto)]
    [InlineData(TrainerKind.FastTree, CategoricalEncoding.OneHot)]
    public void Featurizers_with_more_than_one_slot_per_feature_feed_the_learner_through_the_chain(TrainerKind trainer, CategoricalEncoding encoding)
    {
        var data = TaxiWithGaps(2000, seed: 5);

        var (_, used) = Fit(data, [.. Enumerable.Range(0, data.RowCount)], new TrainingOptions { Trainer = trainer, CategoricalEncoding = encoding }, LearnerInput.Direct);

        Assert.Equal(LearnerInput.TransformChain, used);
    }
}
