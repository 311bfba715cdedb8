namespace MlOps.Core.Schema;

internal static class FeatureSchemaRules
{
    public static List<string> Check(FeatureSchema schema)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(schema.Label))
        {
            errors.Add("'label' is required: name the column that holds the label.");
        }

        if (string.IsNullOrWhiteSpace(schema.PositiveClass))
        {
            errors.Add("'positiveClass' is required: the label value that counts as positive (for example \"1\").");
        }

        if (schema.MaxMissingShare is < 0 or > 1 || double.IsNaN(schema.MaxMissingShare))
        {
            errors.Add($"'maxMissingShare' must be between 0 and 1, got {schema.MaxMissingShare.ToInvariant()}.");
        }

        if (schema.Features.Count == 0)
        {
            errors.Add("'features' must list at least one feature.");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < schema.Features.Count; i++)
        {
            CheckFeature(schema, schema.Features[i], i, seen, errors);
        }

        return errors;
    }

    private static void CheckFeature(FeatureSchema schema, FeatureDefinition f, int index, HashSet<string> seen, List<string> errors)
    {
        var where = string.IsNullOrWhiteSpace(f.Name) ? $"features[{index}]" : $"feature '{f.Name}'";
        if (string.IsNullOrWhiteSpace(f.Name))
        {
            errors.Add($"{where}: 'name' is required.");
            return;
        }

        if (!seen.Add(f.Name))
        {
            errors.Add($"{where}: the name is used more than once.");
        }

        if (f.Name == schema.Label)
        {
            errors.Add($"{where}: the label column cannot also be a feature.");
        }

        if (f.IsNumeric)
        {
            if (f.Vocabulary is not null)
            {
                errors.Add($"{where}: 'vocabulary' applies to categorical features only.");
            }

            if (f.Min is { } min && f.Max is { } max && min > max)
            {
                errors.Add($"{where}: range min {min.ToInvariant()} is greater than max {max.ToInvariant()}.");
            }

            if (f.Min is double.NaN || f.Max is double.NaN)
            {
                errors.Add($"{where}: range bounds must be numbers.");
            }
        }
        else
        {
            if (f.Min is not null || f.Max is not null)
            {
                errors.Add($"{where}: 'range' applies to numeric features only.");
            }

            if (f.Vocabulary is { } vocabulary)
            {
                if (vocabulary.Count == 0)
                {
                    errors.Add($"{where}: 'vocabulary' is empty; omit it to allow any value.");
                }

                var duplicates = vocabulary.GroupBy(v => v, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
                if (duplicates.Count > 0)
                {
                    errors.Add($"{where}: 'vocabulary' repeats {string.Join(", ", duplicates.Select(d => $"'{d}'"))}.");
                }
            }
        }
    }
}
