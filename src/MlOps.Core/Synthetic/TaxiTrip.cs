namespace MlOps.Core.Synthetic;

/// <summary>One generated trip; <see cref="TipBin"/> is true when the tip is at least 20% of the fare.</summary>
public sealed record TaxiTrip(
    int Month,
    int Day,
    int DayOfWeek,
    int Hour,
    double DurationMinutes,
    double DistanceMiles,
    string PaymentType,
    string PickupZone,
    string DropoffZone,
    bool TipBin);
