namespace MlOps.Core.Synthetic;

// Named zones with rough positions in miles (Manhattan runs along y), popularity and a tipping tendency.
internal static class TaxiZones
{
    public sealed record Zone(string Name, double X, double Y, double Weight, double TipEffect, bool Airport = false);

    public static readonly Zone[] All =
    [
        new("Midtown Center", 0.0, 1.0, 9, 0.0),
        new("Midtown East", 0.5, 1.2, 7, 0.1),
        new("Times Sq/Theatre District", -0.4, 1.1, 7, -0.2),
        new("Upper East Side North", 0.8, 4.0, 6, 0.2),
        new("Upper East Side South", 0.7, 3.0, 7, 0.2),
        new("Upper West Side South", -0.8, 3.2, 5, 0.1),
        new("Upper West Side North", -0.9, 4.3, 4, 0.1),
        new("Murray Hill", 0.6, 0.2, 5, 0.0),
        new("Union Sq", 0.0, -1.0, 5, 0.2),
        new("East Village", 0.5, -1.4, 5, 0.4),
        new("West Village", -0.6, -1.5, 5, 0.5),
        new("Greenwich Village", -0.2, -1.3, 3, 0.3),
        new("SoHo", -0.2, -2.2, 3, 0.6),
        new("TriBeCa", -0.5, -2.8, 3, 0.6),
        new("Financial District", 0.0, -4.0, 4, -0.1),
        new("Lower East Side", 0.8, -2.3, 3, 0.3),
        new("Chelsea", -0.8, -0.2, 5, 0.3),
        new("Gramercy", 0.3, -0.5, 4, 0.1),
        new("Clinton East", -0.9, 1.5, 4, 0.0),
        new("Lincoln Square", -0.7, 2.3, 4, 0.1),
        new("Penn Station/Madison Sq West", -0.5, 0.4, 5, -0.3),
        new("Harlem", 0.0, 6.5, 2, -0.4),
        new("Battery Park City", -0.6, -4.3, 2, 0.2),
        new("Kips Bay", 0.7, -0.1, 3, 0.0),
        new("Williamsburg", 3.0, -2.0, 3, 0.5),
        new("Park Slope", 2.0, -6.0, 2, 0.3),
        new("Downtown Brooklyn", 1.6, -4.8, 2, -0.1),
        new("DUMBO", 1.5, -4.0, 1, 0.4),
        new("Astoria", 4.0, 4.5, 2, -0.2),
        new("Long Island City", 2.5, 1.5, 2, -0.1),
        new("JFK Airport", 14.0, -9.0, 1.6, -0.6, Airport: true),
        new("LaGuardia Airport", 7.0, 5.0, 1.8, -0.6, Airport: true),
        new("Newark Airport", -13.0, -7.0, 0.6, -0.6, Airport: true),
    ];

    public static readonly string[] Names = All.Select(z => z.Name).ToArray();

    public static readonly Dictionary<string, Zone> ByName = All.ToDictionary(z => z.Name);
}
