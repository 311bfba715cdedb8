namespace MlOps.Core.Evaluation;

/// <summary>
/// The ROC curve of a scored holdout, reduced to a few of its vertices spread evenly along it, from
/// (0, 0) (a threshold above every score) to (1, 1) (the lowest score). Rows with tied scores move
/// the curve together, as the tie-aware AUC counts them, so the full curve's trapezoid area is the AUC.
/// </summary>
public static class RocCurve
{
    public const int DefaultPoints = 64;

    public static IReadOnlyList<RocPoint> Compute(ReadOnlySpan<bool> labels, ReadOnlySpan<float> scores, int maxPoints = DefaultPoints)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPoints, 2);
        if (labels.Length != scores.Length)
        {
            throw new ArgumentException($"{labels.Length} labels but {scores.Length} scores");
        }

        var keys = scores.ToArray();
        var positive = labels.ToArray();
        Array.Sort(keys, positive);
        var positives = positive.Count(p => p);
        var negatives = positive.Length - positives;
        var above = keys.Length == 0 ? 1.0 : Math.BitIncrement((double)keys[^1]);
        if (positives == 0 || negatives == 0)
        {
            // One class only: the rate of the other is undefined; the chance line has the AUC of 0.5 reported for it.
            return [new RocPoint(0, 0, above), new RocPoint(1, 1, keys.Length == 0 ? 0 : keys[0])];
        }

        // Vertex v of the full curve counts every row scoring at or above its threshold, the v-th distinct score from the top.
        var tp = new List<int>(keys.Length + 1) { 0 };
        var fp = new List<int>(keys.Length + 1) { 0 };
        var thresholds = new List<double>(keys.Length + 1) { above };
        var end = keys.Length - 1;
        while (end >= 0)
        {
            var start = end;
            while (start > 0 && keys[start - 1] == keys[end])
            {
                start--;
            }

            var newPositives = 0;
            for (var k = start; k <= end; k++)
            {
                newPositives += positive[k] ? 1 : 0;
            }

            tp.Add(tp[^1] + newPositives);
            fp.Add(fp[^1] + end - start + 1 - newPositives);
            thresholds.Add(keys[end]);
            end = start - 1;
        }

        double Length(int v) => (double)fp[v] / negatives + (double)tp[v] / positives;
        return [.. Kept(tp.Count, maxPoints, Length).Select(v => new RocPoint((double)fp[v] / negatives, (double)tp[v] / positives, thresholds[v]))];
    }

    /// <summary>The trapezoid area under a curve given as points in order of rising rates.</summary>
    public static double Area(IReadOnlyList<RocPoint> curve)
    {
        double area = 0;
        for (var i = 1; i < curve.Count; i++)
        {
            area += (curve[i].FalsePositiveRate - curve[i - 1].FalsePositiveRate) * (curve[i].TruePositiveRate + curve[i - 1].TruePositiveRate) / 2;
        }

        return area;
    }

    // The first and last vertices, and between them the one nearest each of maxPoints − 2 marks spaced
    // evenly along the curve's length (FPR + TPR runs from 0 to 2), so chords replace only short stretches.
    private static List<int> Kept(int vertices, int maxPoints, Func<int, double> length)
    {
        if (vertices <= maxPoints)
        {
            return [.. Enumerable.Range(0, vertices)];
        }

        var last = vertices - 1;
        List<int> kept = [0];
        var v = 1;
        for (var mark = 1; mark < maxPoints - 1; mark++)
        {
            var target = 2.0 * mark / (maxPoints - 1);
            while (v + 1 < last && length(v + 1) <= target)
            {
                v++;
            }

            if (v + 1 < last && target - length(v) > length(v + 1) - target)
            {
                v++;
            }

            if (kept[^1] != v)
            {
                kept.Add(v);
            }
        }

        kept.Add(last);
        return kept;
    }
}
