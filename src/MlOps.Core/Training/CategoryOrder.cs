using MlOps.Core.Data;

namespace MlOps.Core.Training;

/// <summary>
/// Codes for the values of each categorical feature, ranked by their smoothed positive rate on the
/// training rows. For a binary label, one threshold on such a code is as good as the best binary
/// partition of the categories (Fisher, 1958) — what LightGBM and sklearn do for native categorical
/// splits — while a tree sees a single numeric feature. Code 0 is reserved for unseen and missing.
/// </summary>
internal static class CategoryOrder
{
    private const double PriorWeight = 20;

    public static IReadOnlyDictionary<string, IReadOnlyList<KeyValuePair<string, float>>> Compute(Dataset data, int[] trainRows)
    {
        var schema = data.Schema;
        var labels = data.Labels;
        long positives = 0;
        foreach (var row in trainRows)
        {
            positives += labels[row] ? 1 : 0;
        }

        var prior = positives / (double)trainRows.Length;
        var codes = new Dictionary<string, IReadOnlyList<KeyValuePair<string, float>>>();
        for (var f = 0; f < schema.Features.Count; f++)
        {
            if (schema.Features[f].IsNumeric)
            {
                continue;
            }

            var column = data.CategoricalColumn(schema.Slot(f));
            var counts = new Dictionary<string, (long Total, long Positive)>(StringComparer.Ordinal);
            foreach (var row in trainRows)
            {
                if (column[row] is { } value)
                {
                    var (total, positive) = counts.GetValueOrDefault(value);
                    counts[value] = (total + 1, positive + (labels[row] ? 1 : 0));
                }
            }

            codes[schema.Features[f].Name] = counts
                .OrderBy(kv => (kv.Value.Positive + PriorWeight * prior) / (kv.Value.Total + PriorWeight))
                .ThenBy(kv => kv.Key, StringComparer.Ordinal)
                .Select((kv, i) => new KeyValuePair<string, float>(kv.Key, i + 1))
                .ToList();
        }

        return codes;
    }
}
