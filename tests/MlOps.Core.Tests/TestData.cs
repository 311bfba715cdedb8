using MlOps.Core.Data;
using MlOps.Core.Schema;
using MlOps.Core.Synthetic;

namespace MlOps.Core.Tests;

internal static class TestData
{
    public static string Path(string relative) => System.IO.Path.Combine(AppContext.BaseDirectory, "Data", relative);

    public static FeatureSchema TinySchema => FeatureSchemaFile.Load(Path("tiny-schema.json"));

    /// <summary>A generated taxi dataset, loaded and validated.</summary>
    public static Dataset Taxi(int rows, int seed = 1, DriftScenario scenario = DriftScenario.None)
    {
        var builder = new DatasetBuilder(TaxiTripGenerator.Schema, rows);
        foreach (var trip in new TaxiTripGenerator(seed, scenario).Generate(rows))
        {
            builder.Add(
                [trip.Month, trip.Day, trip.DayOfWeek, trip.Hour, (float)trip.DurationMinutes, (float)trip.DistanceMiles],
                [trip.PaymentType, trip.PickupZone, trip.DropoffZone],
                trip.TipBin);
        }

        return builder.Build(new DatasetInfo($"generated-{seed}-{scenario}", [], rows, "0"));
    }

    public static DatasetLoadResult LoadCsv(string text, FeatureSchema schema, DatasetReadOptions? options = null) =>
        DatasetReader.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text)), "inline.csv", schema, options);
}
