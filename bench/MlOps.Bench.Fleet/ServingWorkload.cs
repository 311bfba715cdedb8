using System.Text.Json;
using MlOps.Core.Data;
using MlOps.Core.Synthetic;
using MlOps.Core.Training;
using MlOps.Testing;

/// <summary>
/// The serving bench's workload (bench/MlOps.Bench.Serving/Program.cs), so the fleet's figures read
/// against its: the FastTree package trained on 100,000 trips of seed 2024, kept in the serving bench's
/// own folder (this bench uses that very package, and trains it there the same way when it is missing),
/// and one object instance, the first trip of seed 7, a request.
/// </summary>
internal static class ServingWorkload
{
    public const string Model = "taxi-tips";

    private static readonly string Work = Path.Combine(Repository.Root, ".mlops", "bench-serving");

    /// <summary>The package's folder.</summary>
    public static string Package()
    {
        var package = Path.Combine(Work, "artifacts", "packages", Model, "v1");
        if (Directory.Exists(package))
        {
            return package;
        }

        var trainCsv = Path.Combine(Work, "train.csv");
        if (!File.Exists(trainCsv))
        {
            Directory.CreateDirectory(Work);
            TaxiTripGenerator.WriteCsv(trainCsv, new TaxiTripGenerator(2024).Generate(100_000));
        }

        var data = DatasetReader.Load(DatasetSource.FromPath(trainCsv), TaxiTripGenerator.Schema).Dataset!;
        ModelTrainer.Train(data, new TrainingOptions(), new TrainingContext { ModelName = Model }).Package.Save(package);
        return package;
    }

    public static string Body()
    {
        var trip = new TaxiTripGenerator(7).Next();
        return JsonSerializer.Serialize(new
        {
            instances = new[]
            {
                new Dictionary<string, object>
                {
                    ["trip_month"] = trip.Month,
                    ["trip_day"] = trip.Day,
                    ["trip_day_of_week"] = trip.DayOfWeek,
                    ["trip_hour"] = trip.Hour,
                    ["trip_duration"] = trip.DurationMinutes,
                    ["trip_distance"] = trip.DistanceMiles,
                    ["payment_type"] = trip.PaymentType,
                    ["pickup_zone"] = trip.PickupZone,
                    ["dropoff_zone"] = trip.DropoffZone,
                },
            },
        });
    }
}
