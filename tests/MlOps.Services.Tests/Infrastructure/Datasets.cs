using MlOps.Core.Schema;
using MlOps.Core.Synthetic;

namespace MlOps.Services.Tests.Infrastructure;

internal static class Datasets
{
    /// <summary>Writes a dataset folder of generated snapshots and its schema under the artifact root; returns its artifact name.</summary>
    public static string WriteTaxi(string artifactRoot, string name, int snapshots, int rows, DriftScenario scenario = DriftScenario.None, int seed = 1, int firstDay = 1)
    {
        var folder = Path.Combine(artifactRoot, "datasets", name);
        FeatureSchemaFile.Save(TaxiTripGenerator.Schema, Path.Combine(folder, "schema.json"));
        for (var i = 0; i < snapshots; i++)
        {
            var day = new DateOnly(2026, 1, 1).AddDays(firstDay + i - 1);
            TaxiTripGenerator.WriteCsv(Path.Combine(folder, $"taxi-{day:yyyy-MM-dd}.csv"), new TaxiTripGenerator(seed * 100 + firstDay + i, scenario).Generate(rows));
        }

        return $"datasets/{name}";
    }
}
