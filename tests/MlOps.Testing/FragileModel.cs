using Microsoft.ML;
using Microsoft.ML.Data;
using MlOps.Core.Evaluation;
using MlOps.Core.Packaging;
using MlOps.Core.Scoring;
using MlOps.Core.Statistics;
using MlOps.Core.Synthetic;
using MlOps.Core.Training;

namespace MlOps.Testing;

/// <summary>
/// A model built the careless way: a linear model with no missing-value handling. It verifies on
/// complete rows, so it loads, but it answers NaN for any instance with a missing number — the kind
/// of model a canary must catch on live traffic.
/// </summary>
public static class FragileModel
{
    private static readonly Lazy<ModelPackage> Package = new(Build);

    public static string Write(string artifactRoot, string name) => Packages.Write(Package.Value, artifactRoot, name);

    private static ModelPackage Build()
    {
        var schema = TaxiTripGenerator.Schema;
        var trips = new TaxiTripGenerator(4).Generate(2000).ToList();
        var ml = new MLContext(1);
        var rows = ml.Data.LoadFromEnumerable(trips.Select(t => new Row
        {
            Month = t.Month,
            Day = t.Day,
            DayOfWeek = t.DayOfWeek,
            Hour = t.Hour,
            Duration = (float)t.DurationMinutes,
            Distance = (float)t.DistanceMiles,
            Payment = t.PaymentType,
            Pickup = t.PickupZone,
            Dropoff = t.DropoffZone,
            Label = t.TipBin,
        }));
        var model = ml.Transforms.Concatenate(ModelColumns.Features, schema.NumericFeatures.Select(f => f.Name).ToArray())
            .Append(ml.BinaryClassification.Trainers.SdcaLogisticRegression(ModelColumns.Label, ModelColumns.Features))
            .Fit(rows);

        var scorer = new ModelScorer(model, schema);
        var engine = scorer.Rent();
        var samples = new List<VerificationSample>();
        var labels = new List<bool>();
        var probabilities = new List<float>();
        foreach (var t in trips.Take(200))
        {
            float[] numeric = [t.Month, t.Day, t.DayOfWeek, t.Hour, (float)t.DurationMinutes, (float)t.DistanceMiles];
            string[] categorical = [t.PaymentType, t.PickupZone, t.DropoffZone];
            numeric.CopyTo(engine.Numeric, 0);
            for (var c = 0; c < 3; c++)
            {
                engine.Categorical[c] = categorical[c].AsMemory();
            }

            var p = engine.Score();
            labels.Add(t.TipBin);
            probabilities.Add(p);
            if (samples.Count < 20)
            {
                samples.Add(new VerificationSample([.. numeric.Select(v => (float?)v)], categorical, p));
            }
        }

        var baseline = BaselineBuilder.Compute(Packages.Taxi(2000, 4, DriftScenario.None));
        var metadata = new PackageMetadata(1, "taxi", DateTimeOffset.UtcNow, "Sdca", new Dictionary<string, double>(), 1, 0.2,
            new DatasetSummary("fragile", [], 2000, 2000, 200, 0.25, "0"), "test", "5", new TrainingTimings(0, 0, 0, 0, 0));
        return new ModelPackage(model, schema, MetricsCalculator.Compute([.. labels], [.. probabilities]), baseline, metadata, samples);
    }

    private sealed class Row
    {
        [ColumnName("trip_month")] public float Month { get; set; }

        [ColumnName("trip_day")] public float Day { get; set; }

        [ColumnName("trip_day_of_week")] public float DayOfWeek { get; set; }

        [ColumnName("trip_hour")] public float Hour { get; set; }

        [ColumnName("trip_duration")] public float Duration { get; set; }

        [ColumnName("trip_distance")] public float Distance { get; set; }

        [ColumnName("payment_type")] public string Payment { get; set; } = "";

        [ColumnName("pickup_zone")] public string Pickup { get; set; } = "";

        [ColumnName("dropoff_zone")] public string Dropoff { get; set; } = "";

        [ColumnName("__label")] public bool Label { get; set; }
    }
}
