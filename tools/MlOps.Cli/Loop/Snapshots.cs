using MlOps.Core.Data;
using MlOps.Core.Schema;
using MlOps.Core.Synthetic;

namespace MlOps.Cli.Loop;

/// <summary>Labelled daily snapshots of generated trips in a dataset folder, as a data pipeline would land them.</summary>
internal static class Snapshots
{
    private static readonly DateTime BeforeFirst = new(2025, 12, 31, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>
    /// Writes <paramref name="count"/> snapshots of <paramref name="scenario"/>, dated the days after the
    /// newest one in the folder (so they are the newest the Trainer takes), and the schema if missing.
    /// Returns their paths.
    /// </summary>
    public static IReadOnlyList<string> Append(string dataset, DriftScenario scenario, int count, int rows, int seed)
    {
        Directory.CreateDirectory(dataset);
        var schema = Path.Combine(dataset, "schema.json");
        if (!File.Exists(schema))
        {
            FeatureSchemaFile.Save(TaxiTripGenerator.Schema, schema);
        }

        var last = Directory.EnumerateFiles(dataset, "*.csv").Select(DatasetSource.SnapshotDate).DefaultIfEmpty(BeforeFirst).Max();
        var written = new List<string>(count);
        for (var i = 1; i <= count; i++)
        {
            var day = DateOnly.FromDateTime(last).AddDays(i);
            var path = Path.Combine(dataset, $"taxi-{day:yyyy-MM-dd}.csv");
            TaxiTripGenerator.WriteCsv(path, new TaxiTripGenerator(seed * 1000 + day.DayNumber, scenario).Generate(rows));
            written.Add(path);
        }

        return written;
    }
}
