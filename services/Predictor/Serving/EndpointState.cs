namespace MlOps.Predictor.Serving;

/// <summary>
/// An immutable traffic split for one model. A request reads the current state once and keeps it,
/// so swapping in a new state never disturbs requests already in flight.
/// </summary>
public sealed class EndpointState
{
    private readonly int[] _cumulative;

    public EndpointState(string model, IReadOnlyList<(DeployedVersion Version, int Percent)> split)
    {
        Model = model;
        Split = split;
        _cumulative = new int[split.Count];
        var total = 0;
        for (var i = 0; i < split.Count; i++)
        {
            total += split[i].Percent;
            _cumulative[i] = total;
        }
    }

    public string Model { get; }

    public IReadOnlyList<(DeployedVersion Version, int Percent)> Split { get; }

    /// <summary>The version for a roll in [0, 100).</summary>
    public DeployedVersion Pick(int roll)
    {
        for (var i = 0; i < _cumulative.Length; i++)
        {
            if (roll < _cumulative[i])
            {
                return Split[i].Version;
            }
        }

        return Split[^1].Version;
    }

    /// <summary>The version with the most traffic other than <paramref name="failed"/>, to retry on.</summary>
    public DeployedVersion? Fallback(DeployedVersion failed) =>
        Split.Where(s => s.Version != failed && s.Percent > 0).OrderByDescending(s => s.Percent).Select(s => s.Version).FirstOrDefault();
}
