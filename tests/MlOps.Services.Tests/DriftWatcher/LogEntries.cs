using MlOps.Contracts;
using MlOps.Core.Synthetic;
using MlOps.Testing;

namespace MlOps.Services.Tests.DriftWatcher;

internal static class LogEntries
{
    public static PredictionLogEntry For(TaxiTrip t, int version = 1, string packageUri = "packages/taxi/v1") => new()
    {
        Timestamp = DateTimeOffset.UtcNow,
        Labels = new Dictionary<string, string> { [PredictionLogEntry.KindLabel] = PredictionLogEntry.PredictionKind },
        JsonPayload = new PredictionPayload
        {
            Model = "taxi",
            Version = version,
            PackageUri = packageUri,
            Features =
            [
                TripFeatures.Of(t),
            ],
            Predictions = [0.3f],
            LatencyMs = 0.5,
        },
    };

    public static IEnumerable<PredictionLogEntry> Stream(int count, int seed, DriftScenario scenario = DriftScenario.None) =>
        new TaxiTripGenerator(seed, scenario).Generate(count).Select(t => For(t));
}
