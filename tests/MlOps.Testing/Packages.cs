using MlOps.Core.Data;
using MlOps.Core.Packaging;
using MlOps.Core.Synthetic;
using MlOps.Core.Training;

namespace MlOps.Testing;

/// <summary>Small trained taxi packages written under an artifact root, trained once per test run.</summary>
public static class Packages
{
    private static readonly Lazy<ModelPackage> Stable = new(() => Train(1, DriftScenario.None));
    private static readonly Lazy<ModelPackage> Surge = new(() => Train(2, DriftScenario.AirportSurge));
    private static readonly Lazy<ModelPackage> Slow = new(() => Train(1, DriftScenario.None, trees: 3000, leaves: 8));
    private static readonly Lazy<ModelPackage> Inverted = new(() => ModelTrainer.Train(Taxi(3000, 3, DriftScenario.None, invertLabels: true), Options(30, 20)).Package);

    /// <summary>30 trees on undrifted trips.</summary>
    public static string WriteStable(string artifactRoot, string name = "v1") => Write(Stable.Value, artifactRoot, name);

    /// <summary>A genuine retrain on drifted trips (airport surge): against the stable model, Jensen-Shannon about 0.02 and about 81% label agreement on undrifted traffic.</summary>
    public static string WriteSurge(string artifactRoot, string name = "v2") => Write(Surge.Value, artifactRoot, name);

    /// <summary>3000 trees of 8 leaves: about fifty times slower to score than the stable model, with scores of its own (Jensen-Shannon about 0.23, 87% agreement).</summary>
    public static string WriteSlow(string artifactRoot, string name = "slow") => Write(Slow.Value, artifactRoot, name);

    /// <summary>Trained on inverted labels: it loads and verifies, but its scores diverge from the stable model's (Jensen-Shannon about 0.46, 16% agreement).</summary>
    public static string WriteInverted(string artifactRoot, string name = "inverted") => Write(Inverted.Value, artifactRoot, name);

    public static string Write(ModelPackage package, string artifactRoot, string name)
    {
        var uri = $"packages/taxi/{name}";
        package.Save(Path.Combine(artifactRoot, uri));
        return uri;
    }

    public static Dataset Taxi(int rows, int seed, DriftScenario scenario, bool invertLabels = false)
    {
        var builder = new DatasetBuilder(TaxiTripGenerator.Schema, rows);
        foreach (var t in new TaxiTripGenerator(seed, scenario).Generate(rows))
        {
            builder.Add([t.Month, t.Day, t.DayOfWeek, t.Hour, (float)t.DurationMinutes, (float)t.DistanceMiles], [t.PaymentType, t.PickupZone, t.DropoffZone], t.TipBin != invertLabels);
        }

        return builder.Build(new DatasetInfo($"test-{seed}", [], rows, "0"));
    }

    private static ModelPackage Train(int seed, DriftScenario scenario, int trees = 30, int leaves = 20) =>
        ModelTrainer.Train(Taxi(3000, seed, scenario), Options(trees, leaves)).Package;

    private static TrainingOptions Options(int trees, int leaves) =>
        new() { Parameters = new Dictionary<string, double> { [TrainerParameters.Trees] = trees, [TrainerParameters.Leaves] = leaves } };
}
