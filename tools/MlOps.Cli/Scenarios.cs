using MlOps.Core.Synthetic;

namespace MlOps.Cli;

/// <summary>Command-line spellings of drift scenarios: none, payment-shift, airport-surge, tipping-change.</summary>
internal static class Scenarios
{
    public static string Name(DriftScenario scenario) => scenario switch
    {
        DriftScenario.None => "none",
        DriftScenario.PaymentShift => "payment-shift",
        DriftScenario.AirportSurge => "airport-surge",
        DriftScenario.TippingChange => "tipping-change",
        _ => scenario.ToString(),
    };

    public static bool TryParse(string text, out DriftScenario scenario)
    {
        foreach (var candidate in Enum.GetValues<DriftScenario>())
        {
            if (string.Equals(Name(candidate), text, StringComparison.OrdinalIgnoreCase)
                || string.Equals(candidate.ToString(), text, StringComparison.OrdinalIgnoreCase))
            {
                scenario = candidate;
                return true;
            }
        }

        scenario = default;
        return false;
    }
}
