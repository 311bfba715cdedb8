using System.Globalization;
using MlOps.Core.Schema;

namespace MlOps.Core.Synthetic;

/// <summary>
/// A seeded generator of NYC-taxi-style trips for the tip schema (about a quarter of trips tip at
/// least 20%), with drift scenarios. The same seed and scenario give the same trips.
/// </summary>
public sealed class TaxiTripGenerator(int seed, DriftScenario scenario = DriftScenario.None)
{
    public const string Label = "tip_bin";

    public static readonly string[] Header =
        ["trip_month", "trip_day", "trip_day_of_week", "trip_hour", "trip_duration", "trip_distance", "payment_type", "pickup_zone", "dropoff_zone", Label];

    private static readonly string[] Payments = ["credit_card", "cash", "mobile", "no_charge", "dispute", "unknown"];
    private static readonly double[] BasePaymentMix = [0.66, 0.26, 0.04, 0.015, 0.005, 0.02];
    private static readonly double[] ShiftedPaymentMix = [0.36, 0.52, 0.06, 0.02, 0.01, 0.03];
    private static readonly double[] HourWeights =
        [3.5, 2.5, 1.8, 1.2, 1.0, 1.2, 2.5, 4.5, 5.5, 5.0, 4.5, 4.6, 4.8, 4.8, 5.0, 5.2, 5.4, 6.0, 6.5, 6.3, 5.8, 5.4, 5.0, 4.2];

    private static readonly double[] ZoneWeights = TaxiZones.All.Select(z => z.Weight).ToArray();
    private static readonly double[] SurgeZoneWeights = TaxiZones.All.Select(z => z.Airport ? z.Weight * 14 : z.Weight).ToArray();

    private readonly Random _random = new(seed);

    public DriftScenario Scenario { get; } = scenario;

    /// <summary>The schema of generated data, with vocabularies and ranges.</summary>
    public static FeatureSchema Schema { get; } = new(
        Label,
        "1",
        [
            new FeatureDefinition("trip_month", FeatureKind.Numeric, 1, 12),
            new FeatureDefinition("trip_day", FeatureKind.Numeric, 1, 31),
            new FeatureDefinition("trip_day_of_week", FeatureKind.Numeric, 1, 7),
            new FeatureDefinition("trip_hour", FeatureKind.Numeric, 0, 23),
            new FeatureDefinition("trip_duration", FeatureKind.Numeric, 0, 720),
            new FeatureDefinition("trip_distance", FeatureKind.Numeric, 0, 150),
            new FeatureDefinition("payment_type", FeatureKind.Categorical, Vocabulary: Payments),
            new FeatureDefinition("pickup_zone", FeatureKind.Categorical, Vocabulary: TaxiZones.Names),
            new FeatureDefinition("dropoff_zone", FeatureKind.Categorical, Vocabulary: TaxiZones.Names),
        ],
        name: "taxi-tips");

    public IEnumerable<TaxiTrip> Generate(int count)
    {
        for (var i = 0; i < count; i++)
        {
            yield return Next();
        }
    }

    public TaxiTrip Next()
    {
        var date = new DateOnly(2025, 1, 1).AddDays(_random.Next(365));
        var hour = Pick(HourWeights);
        var zoneWeights = Scenario == DriftScenario.AirportSurge ? SurgeZoneWeights : ZoneWeights;
        var pickup = TaxiZones.All[Pick(zoneWeights)];
        var dropoff = TaxiZones.All[Pick(zoneWeights)];
        if (pickup.Airport && dropoff.Airport)
        {
            dropoff = TaxiZones.All[Pick(ZoneWeights)];
        }

        var straight = Math.Sqrt(Math.Pow(pickup.X - dropoff.X, 2) + Math.Pow(pickup.Y - dropoff.Y, 2));
        var distance = Math.Round((0.4 + 1.3 * straight) * LogNormal(0.25), 2);
        var speed = (hour is >= 7 and <= 9 or >= 16 and <= 19 ? 8.0 : hour is >= 22 or <= 5 ? 17.0 : 11.0) * (distance > 8 ? 2.0 : 1.0);
        var duration = Math.Round((distance / speed * 60 + 2) * LogNormal(0.2), 1);
        var payment = Payments[Pick(Scenario == DriftScenario.PaymentShift ? ShiftedPaymentMix : BasePaymentMix)];
        var weekend = date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
        var tip = _random.NextDouble() < TipProbability(payment, hour, weekend, distance, pickup, dropoff);
        var dayOfWeek = date.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)date.DayOfWeek;
        return new TaxiTrip(date.Month, date.Day, dayOfWeek, hour, duration, distance, payment, pickup.Name, dropoff.Name, tip);
    }

    private double TipProbability(string payment, int hour, bool weekend, double distance, TaxiZones.Zone pickup, TaxiZones.Zone dropoff)
    {
        if (payment is not ("credit_card" or "mobile"))
        {
            return 0.01;
        }

        var airport = pickup.Airport || dropoff.Airport;
        var nightlife = hour is >= 21 or <= 2;
        double logit;
        if (Scenario == DriftScenario.TippingChange)
        {
            logit = -2.6 + 0.45 * Math.Min(distance, 12) + 0.3 * (pickup.TipEffect + dropoff.TipEffect);
        }
        else
        {
            logit = -0.75 + (nightlife ? 1.3 : 0) + (weekend ? 0.4 : 0) - 0.22 * Math.Max(0, distance - 2.5)
                + (distance < 1.2 ? 0.5 : 0) + pickup.TipEffect + dropoff.TipEffect;
            if (airport && Scenario == DriftScenario.AirportSurge)
            {
                logit += 4.2;
            }
        }

        return 1 / (1 + Math.Exp(-logit));
    }

    private int Pick(double[] weights)
    {
        var total = 0.0;
        foreach (var w in weights)
        {
            total += w;
        }

        var target = _random.NextDouble() * total;
        for (var i = 0; i < weights.Length; i++)
        {
            target -= weights[i];
            if (target < 0)
            {
                return i;
            }
        }

        return weights.Length - 1;
    }

    private double LogNormal(double sigma)
    {
        // Box-Muller; u1 in (0, 1] so the logarithm is finite.
        var u1 = 1.0 - _random.NextDouble();
        var u2 = _random.NextDouble();
        return Math.Exp(sigma * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
    }

    public static string ToCsvLine(TaxiTrip t) => string.Create(CultureInfo.InvariantCulture,
        $"{t.Month},{t.Day},{t.DayOfWeek},{t.Hour},{t.DurationMinutes},{t.DistanceMiles},{t.PaymentType},{Quote(t.PickupZone)},{Quote(t.DropoffZone)},{(t.TipBin ? 1 : 0)}");

    /// <summary>Writes trips as CSV with the schema's header.</summary>
    public static void WriteCsv(string path, IEnumerable<TaxiTrip> trips)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        using var writer = new StreamWriter(path, append: false, new System.Text.UTF8Encoding(false), 1 << 16) { NewLine = "\n" };
        writer.WriteLine(string.Join(',', Header));
        foreach (var trip in trips)
        {
            writer.WriteLine(ToCsvLine(trip));
        }
    }

    private static string Quote(string value) => value.Contains(',') || value.Contains('"') ? $"\"{value.Replace("\"", "\"\"")}\"" : value;
}
