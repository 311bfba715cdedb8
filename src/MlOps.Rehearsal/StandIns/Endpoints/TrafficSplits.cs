using MlOps.Rehearsal.StandIns.Schema;

namespace MlOps.Rehearsal.StandIns.Endpoints;

/// <summary>
/// A traffic split as endpoint.proto defines it: DeployedModel ID → percent, the percentages adding up to 100, or
/// the map empty for an endpoint that is to take no traffic.
/// </summary>
internal static class TrafficSplits
{
    /// <param name="deployed">The IDs the split may name.</param>
    public static void Check(IReadOnlyDictionary<string, int> split, IReadOnlyCollection<string> deployed, string path, List<FieldViolation> violations)
    {
        foreach (var (id, percent) in split)
        {
            if (!deployed.Contains(id))
            {
                violations.Add(new FieldViolation($"{path}[{id}]", $"\"{id}\" is not the ID of a DeployedModel of this Endpoint."));
            }

            if (percent is < 0 or > 100)
            {
                violations.Add(new FieldViolation($"{path}[{id}]", $"A traffic percentage is between 0 and 100, not {percent}."));
            }
        }

        var sum = split.Values.Sum();
        if (split.Count > 0 && sum != 100)
        {
            violations.Add(new FieldViolation(path, $"The traffic percentages add up to {sum}, not 100."));
        }
    }
}
