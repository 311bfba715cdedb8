using MlOps.Core.Statistics;
using MlOps.Core.Synthetic;

namespace MlOps.Core.Tests;

public sealed class GeneratorTests
{
    [Fact]
    public void The_same_seed_gives_the_same_trips()
    {
        Assert.Equal(new TaxiTripGenerator(9).Generate(200), new TaxiTripGenerator(9).Generate(200));
        Assert.NotEqual(new TaxiTripGenerator(9).Generate(200), new TaxiTripGenerator(10).Generate(200));
    }

    [Fact]
    public void About_a_quarter_of_trips_tip_at_least_twenty_percent()
    {
        var data = TestData.Taxi(20_000);

        Assert.InRange((double)data.PositiveCount / data.RowCount, 0.2, 0.3);
    }

    [Fact]
    public void Generated_trips_fit_the_generator_schema()
    {
        using var temp = new TempDirectory();
        var path = temp.File("t.csv");
        TaxiTripGenerator.WriteCsv(path, Enum.GetValues<DriftScenario>().SelectMany(s => new TaxiTripGenerator(1, s).Generate(5000)));

        var report = Data.DatasetReader.Load(Data.DatasetSource.FromPath(path), TaxiTripGenerator.Schema).Report;

        Assert.True(report.IsValid, report.ToText());
    }

    [Theory]
    [InlineData(DriftScenario.PaymentShift, "payment_type")]
    [InlineData(DriftScenario.AirportSurge, "pickup_zone")]
    [InlineData(DriftScenario.AirportSurge, "trip_distance")]
    public void Feature_drift_scenarios_move_their_features_past_the_default_threshold(DriftScenario scenario, string feature)
    {
        var baseline = BaselineBuilder.Compute(TestData.Taxi(20_000, seed: 1));

        var drift = DriftAnalyzer.Compare(baseline, TestData.Taxi(2000, seed: 2, scenario), new DriftThresholds());

        Assert.True(drift.Single(d => d.Feature == feature).Drifted);
    }

    [Fact]
    public void Stable_traffic_and_concept_drift_leave_the_feature_distributions_alone()
    {
        var baseline = BaselineBuilder.Compute(TestData.Taxi(20_000, seed: 1));

        foreach (var scenario in new[] { DriftScenario.None, DriftScenario.TippingChange })
        {
            var drift = DriftAnalyzer.Compare(baseline, TestData.Taxi(2000, seed: 3, scenario), new DriftThresholds());
            Assert.All(drift, d => Assert.False(d.Drifted, $"{scenario}: {d.Feature} {d.Distance:F4}"));
        }
    }

    [Fact]
    public void Tipping_change_keeps_the_inputs_but_changes_the_labels()
    {
        var before = new TaxiTripGenerator(5).Generate(3000).ToList();
        var after = new TaxiTripGenerator(5, DriftScenario.TippingChange).Generate(3000).ToList();

        Assert.Equal(before.Select(t => t with { TipBin = false }), after.Select(t => t with { TipBin = false }));
        Assert.True(before.Zip(after).Count(p => p.First.TipBin != p.Second.TipBin) > 300);
    }
}
