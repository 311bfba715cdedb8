using MlOps.Core.Data;
using MlOps.Core.Validation;

namespace MlOps.Core.Schema;

/// <summary>
/// Writes a first schema from a CSV: a column whose every present value is a finite number is
/// numeric, anything else categorical with its observed vocabulary. The user reviews and edits it.
/// </summary>
public static class SchemaInference
{
    public const int MaxVocabulary = 1000;

    public static FeatureSchema Infer(Stream csv, string label, SchemaInferenceOptions? options = null)
    {
        options ??= new SchemaInferenceOptions();
        using var reader = new CsvRowReader(csv);
        if (!reader.ReadHeader())
        {
            throw new SchemaException(["the file is empty: no header, nothing to infer from"]);
        }

        var header = reader.Header!;
        var labelIndex = Array.IndexOf(header, label);
        if (labelIndex < 0)
        {
            throw new SchemaException([$"label column '{label}' is not in the header ({string.Join(", ", header)})"]);
        }

        var columns = header.Select(_ => new ColumnProfile()).ToArray();
        long rows = 0;
        while (reader.Read() && (options.MaxRows is not { } max || rows < max))
        {
            rows++;
            for (var i = 0; i < Math.Min(header.Length, reader.FieldCount); i++)
            {
                columns[i].Observe(reader.Field(i));
            }
        }

        if (rows == 0)
        {
            throw new SchemaException(["the file has a header but no data rows, nothing to infer from"]);
        }

        var features = new List<FeatureDefinition>();
        for (var i = 0; i < header.Length; i++)
        {
            if (i == labelIndex || options.Exclude.Contains(header[i]))
            {
                continue;
            }

            var numeric = options.Numeric.Contains(header[i])
                || (!options.Categorical.Contains(header[i]) && columns[i].AllNumeric && columns[i].Present > 0);
            features.Add(numeric
                ? new FeatureDefinition(header[i], FeatureKind.Numeric)
                : new FeatureDefinition(header[i], FeatureKind.Categorical, Vocabulary: columns[i].Vocabulary()));
        }

        var positive = options.PositiveClass ?? InferPositiveClass(columns[labelIndex], label);
        return new FeatureSchema(label, positive, features, options.MaxMissingShare, options.Name);
    }

    private static string InferPositiveClass(ColumnProfile labelColumn, string label)
    {
        var values = labelColumn.Values.Keys.ToList();
        var classes = values.Select(v => v.ToLowerInvariant()).Distinct().Order().ToList();
        string[][] conventional = [["0", "1"], ["false", "true"], ["no", "yes"], ["n", "y"], ["negative", "positive"]];
        foreach (var pair in conventional)
        {
            if (classes.All(pair.Contains) && classes.Contains(pair[1]))
            {
                return values.First(v => v.Equals(pair[1], StringComparison.OrdinalIgnoreCase));
            }
        }

        if (values.All(v => Invariant.TryParseDouble(v, out var n) && (n == 0 || n == 1)))
        {
            return "1";
        }

        throw new SchemaException([$"cannot tell which value of '{label}' is the positive class (values: {string.Join(", ", values.Take(10).Select(v => $"'{v}'"))}); pass it explicitly"]);
    }

    private sealed class ColumnProfile
    {
        public Dictionary<string, long> Values { get; } = new(StringComparer.Ordinal);

        public bool AllNumeric { get; private set; } = true;

        public long Present { get; private set; }

        private bool _vocabularyOverflow;

        public void Observe(ReadOnlySpan<char> raw)
        {
            var value = raw.Trim();
            if (FeatureValidator.IsMissingToken(value))
            {
                return;
            }

            Present++;
            if (AllNumeric && !(Invariant.TryParseDouble(value, out var number) && double.IsFinite(number)))
            {
                AllNumeric = false;
            }

            if (_vocabularyOverflow)
            {
                return;
            }

            var lookup = Values.GetAlternateLookup<ReadOnlySpan<char>>();
            if (lookup.TryGetValue(value, out var count))
            {
                lookup[value] = count + 1;
            }
            else if (Values.Count < MaxVocabulary)
            {
                lookup[value] = 1;
            }
            else
            {
                _vocabularyOverflow = true;
            }
        }

        // Too many distinct values to enumerate: leave the vocabulary open.
        public List<string>? Vocabulary() =>
            _vocabularyOverflow ? null : Values.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Key).ToList();
    }
}
