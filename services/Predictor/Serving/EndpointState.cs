namespace MlOps.Predictor.Serving;

/// <summary>
/// An immutable traffic split for one model at one generation. A request reads the current state
/// once and keeps it, so swapping in a new state never disturbs requests already in flight.
/// </summary>
public sealed class EndpointState
{
    private readonly int[] _cumulative;

    public EndpointState(string model, long generation, IReadOnlyList<ServedVersion> serving, ServedVersion? shadow)
    {
        Model = model;
        Generation = generation;
        Split = serving;
        Shadow = shadow;
        _cumulative = new int[serving.Count];
        var total = 0;
        for (var i = 0; i < serving.Count; i++)
        {
            total += serving[i].Percent;
            _cumulative[i] = total;
        }
    }

    public string Model { get; }

    public long Generation { get; }

    /// <summary>The versions that answer, with their shares (summing to 100).</summary>
    public IReadOnlyList<ServedVersion> Split { get; }

    /// <summary>The version that scores a copy of every request, if one is being tried.</summary>
    public ServedVersion? Shadow { get; }

    public IEnumerable<ServedVersion> All => Shadow is null ? Split : Split.Append(Shadow);

    /// <summary>The version for a roll in [0, 100).</summary>
    public ServedVersion Pick(int roll)
    {
        for (var i = 0; i < _cumulative.Length; i++)
        {
            if (roll < _cumulative[i])
            {
                return Split[i];
            }
        }

        return Split[^1];
    }

    /// <summary>The version with the most traffic other than <paramref name="failed"/>, to retry on.</summary>
    public ServedVersion? Fallback(ServedVersion failed) =>
        Split.Where(s => s != failed && s.Percent > 0).OrderByDescending(s => s.Percent).FirstOrDefault();
}
