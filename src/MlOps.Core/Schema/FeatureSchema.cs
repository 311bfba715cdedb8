using System.Collections.Frozen;

namespace MlOps.Core.Schema;

/// <summary>
/// The single source of truth for a model's inputs: data validation, the training pipeline,
/// the serving input mapping and the drift baseline all read it.
/// </summary>
public sealed class FeatureSchema
{
    public const double DefaultMaxMissingShare = 0.05;

    private readonly FrozenDictionary<string, int> _indexByName;

    public FeatureSchema(
        string label,
        string positiveClass,
        IReadOnlyList<FeatureDefinition> features,
        double maxMissingShare = DefaultMaxMissingShare,
        string? name = null)
    {
        Label = label;
        PositiveClass = positiveClass;
        Features = features;
        MaxMissingShare = maxMissingShare;
        Name = name;

        var errors = FeatureSchemaRules.Check(this);
        if (errors.Count > 0)
        {
            throw new SchemaException(errors);
        }

        _indexByName = features.Select((f, i) => (f.Name, i)).ToFrozenDictionary(x => x.Name, x => x.i, StringComparer.Ordinal);
        NumericFeatures = features.Where(f => f.IsNumeric).ToArray();
        CategoricalFeatures = features.Where(f => !f.IsNumeric).ToArray();
        _slots = new int[features.Count];
        int numeric = 0, categorical = 0;
        for (var i = 0; i < features.Count; i++)
        {
            _slots[i] = features[i].IsNumeric ? numeric++ : categorical++;
        }
    }

    private readonly int[] _slots;

    public string? Name { get; }

    public string Label { get; }

    /// <summary>The label value that counts as the positive class.</summary>
    public string PositiveClass { get; }

    public IReadOnlyList<FeatureDefinition> Features { get; }

    public IReadOnlyList<FeatureDefinition> NumericFeatures { get; }

    public IReadOnlyList<FeatureDefinition> CategoricalFeatures { get; }

    /// <summary>Largest share of missing values a column may have before the dataset is rejected.</summary>
    public double MaxMissingShare { get; }

    public int IndexOf(string featureName) => _indexByName.TryGetValue(featureName, out var i) ? i : -1;

    /// <summary>The position of feature <paramref name="featureIndex"/> among the features of its own kind.</summary>
    public int Slot(int featureIndex) => _slots[featureIndex];

    public FeatureDefinition? Find(string featureName) => IndexOf(featureName) is >= 0 and var i ? Features[i] : null;
}
