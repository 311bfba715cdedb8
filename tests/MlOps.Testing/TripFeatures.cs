using MlOps.Contracts;
using MlOps.Core.Synthetic;

namespace MlOps.Testing;

/// <summary>A synthetic trip as the feature values of one instance, as the Predictor logs them.</summary>
public static class TripFeatures
{
    public static Dictionary<string, FeatureValue> Of(TaxiTrip t) => new()
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
    };
}
