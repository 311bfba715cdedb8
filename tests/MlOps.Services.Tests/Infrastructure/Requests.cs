using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using MlOps.Core.Synthetic;

namespace MlOps.Services.Tests.Infrastructure;

internal static class Requests
{
    public const string Valid = """{"instances":[{"trip_month":7,"trip_day":11,"trip_day_of_week":4,"trip_hour":6,"trip_duration":44,"trip_distance":2.1,"payment_type":"credit_card","pickup_zone":"SoHo","dropoff_zone":"JFK Airport"}]}""";

    public static string Positional(TaxiTrip t, bool missingDistance = false) => string.Create(CultureInfo.InvariantCulture,
        $"{{\"instances\":[[{t.Month},{t.Day},{t.DayOfWeek},{t.Hour},{t.DurationMinutes},{(missingDistance ? "null" : t.DistanceMiles.ToString(CultureInfo.InvariantCulture))},\"{t.PaymentType}\",\"{t.PickupZone}\",\"{t.DropoffZone}\"]]}}");

    /// <summary>Several trips in one request, as positional instances.</summary>
    public static string Batch(IEnumerable<TaxiTrip> trips) => string.Create(CultureInfo.InvariantCulture,
        $"{{\"instances\":[{string.Join(",", trips.Select(t => $"[{t.Month},{t.Day},{t.DayOfWeek},{t.Hour},{t.DurationMinutes},{t.DistanceMiles},\"{t.PaymentType}\",\"{t.PickupZone}\",\"{t.DropoffZone}\"]"))}]}}");

    public static StringContent Json(string body)
    {
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    public static Task<HttpResponseMessage> Predict(this HttpClient http, string body, string model = "taxi") =>
        http.PostAsync($"/v1/models/{model}:predict", Json(body));
}
