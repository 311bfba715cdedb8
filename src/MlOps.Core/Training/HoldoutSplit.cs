namespace MlOps.Core.Training;

/// <summary>A seeded, stratified split of row indices into training and holdout rows.</summary>
public sealed record HoldoutSplit(int[] Train, int[] Holdout)
{
    public static HoldoutSplit Create(ReadOnlySpan<bool> labels, double holdoutFraction, int seed)
    {
        if (holdoutFraction is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(holdoutFraction), holdoutFraction, "the holdout fraction must be between 0 and 1");
        }

        var positives = new List<int>();
        var negatives = new List<int>();
        for (var i = 0; i < labels.Length; i++)
        {
            (labels[i] ? positives : negatives).Add(i);
        }

        var random = new Random(seed);
        var train = new List<int>(labels.Length);
        var holdout = new List<int>((int)(labels.Length * holdoutFraction) + 2);
        foreach (var group in new[] { positives, negatives })
        {
            var shuffled = group.ToArray();
            random.Shuffle(shuffled);
            var take = (int)Math.Round(shuffled.Length * holdoutFraction);
            holdout.AddRange(shuffled[..take]);
            train.AddRange(shuffled[take..]);
        }

        train.Sort();
        holdout.Sort();
        return new HoldoutSplit([.. train], [.. holdout]);
    }
}
