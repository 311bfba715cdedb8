namespace MlOps.GitOps.Loading;

/// <summary>"Did you mean" for a misspelt key: the closest allowed name within a couple of edits.</summary>
internal static class Suggestions
{
    public static string Hint(string written, IEnumerable<string> allowed)
    {
        var best = allowed
            .Select(a => (name: a, distance: Distance(written.ToLowerInvariant(), a.ToLowerInvariant())))
            .OrderBy(x => x.distance)
            .FirstOrDefault();
        return best.name is not null && best.distance <= Math.Max(2, written.Length / 4) ? $"; did you mean '{best.name}'?" : "";
    }

    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            previous = current;
        }

        return previous[b.Length];
    }
}
