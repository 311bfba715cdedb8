using MlOps.Core.Data;
using MlOps.Core.Packaging;
using MlOps.Core.Synthetic;
using MlOps.Core.Training;

namespace MlOps.Services.Tests.Infrastructure;

/// <summary>Small trained taxi packages written under an artifact root, trained once per test run.</summary>
internal static class Packages
{
    private static readonly Lazy<ModelPackage> Stable = new(() => Train(1, DriftScenario.None));
    private static readonly Lazy<ModelPackage> Surge = new(() => Train(2, DriftScenario.AirportSurge));

    public static string WriteStable(string artifactRoot, string name = "v1") => Write(Stable.Value, artifactRoot, name);

    public static string WriteSurge(string artifactRoot, string name = "v2") => Write(Surge.Value, artifactRoot, name);

    public static string Write(ModelPackage package, string artifactRoot, string name)
    {
        var uri = $"packages/taxi/{name}";
        package.Save(Path.Combine(artifactRoot, uri));
        return uri;
    }

    public static Dataset Taxi(int rows, int seed, DriftScenario scenario)
    {
        var builder = new DatasetBuilder(TaxiTripGenerator.Schema, rows);
        foreach (var t in new TaxiTripGenerator(seed, scenario).Generate(rows))
        {
            builder.Add([t.Month, t.Day, t.DayOfWeek, t.Hour, (float)t.DurationMinutes, (float)t.DistanceMiles], [t.PaymentType, t.PickupZone, t.DropoffZone], t.TipBin);
        }

        return builder.Build(new DatasetInfo($"test-{seed}", [], rows, "0"));
    }

    private static ModelPackage Train(int seed, DriftScenario scenario) =>
        ModelTrainer.Train(Taxi(3000, seed, scenario), new TrainingOptions { Parameters = new Dictionary<string, double> { ["trees"] = 30 } }).Package;
}
