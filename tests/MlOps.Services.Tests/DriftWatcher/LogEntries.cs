using MlOps.Contracts;
using MlOps.Core.Synthetic;

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
                new Dictionary<string, FeatureValue>
                {
                    ["trip_month"] = FeatureValue.Of(t.Month),
                    ["trip_day"] = FeatureValue.Of(t.Day),
                    ["trip_day_of_week"] = FeatureValue.Of(t.DayOfWeek),
                    ["trip_hour"] = FeatureValue.Of(t.Hour),
                    ["trip_duration"] = FeatureValue.Of(t.DurationMinutes),
                    ["trip_distance"] = FeatureValue.Of(t.DistanceMiles),
                    ["payment_type"] = FeatureValue.Of(t.PaymentType),
                    ["pickup_zone"] = FeatureValue.Of(t.PickupZone),
                    ["dropoff_zone"] = FeatureValue.Of(t.DropoffZone),
                },
            ],
            Predictions = [0.3f],
            LatencyMs = 0.5,
        },
    };

    public static IEnumerable<PredictionLogEntry> Stream(int count, int seed, DriftScenario scenario = DriftScenario.None) =>
        new TaxiTripGenerator(seed, scenario).Generate(count).Select(t => For(t));
}
