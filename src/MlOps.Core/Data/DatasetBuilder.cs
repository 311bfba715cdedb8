using MlOps.Core.Schema;

namespace MlOps.Core.Data;

/// <summary>Builds a <see cref="Dataset"/> row by row; categorical values are interned per column.</summary>
public sealed class DatasetBuilder
{
    private readonly FeatureSchema _schema;
    private readonly float[][] _numeric;
    private readonly string?[][] _categorical;
    private readonly StringPool[] _interned;
    private bool[] _labels;
    private int _count;

    public DatasetBuilder(FeatureSchema schema, int capacity = 4096)
    {
        _schema = schema;
        capacity = Math.Max(capacity, 16);
        _numeric = schema.NumericFeatures.Select(_ => new float[capacity]).ToArray();
        _categorical = schema.CategoricalFeatures.Select(_ => new string?[capacity]).ToArray();
        _interned = schema.CategoricalFeatures.Select(_ => new StringPool()).ToArray();
        _labels = new bool[capacity];
    }

    public int Count => _count;

    /// <summary>Adds a row; values are in schema slot order (numeric and categorical separately).</summary>
    public void Add(ReadOnlySpan<float> numeric, ReadOnlySpan<string?> categorical, bool label)
    {
        if (_count == _labels.Length)
        {
            Grow();
        }

        for (var i = 0; i < _numeric.Length; i++)
        {
            _numeric[i][_count] = numeric[i];
        }

        for (var i = 0; i < _categorical.Length; i++)
        {
            _categorical[i][_count] = Intern(i, categorical[i]);
        }

        _labels[_count] = label;
        _count++;
    }

    public Dataset Build(DatasetInfo? info = null) =>
        new(_schema, _numeric, _categorical, _labels, _count, info ?? new DatasetInfo("", [], _count));

    private string? Intern(int slot, string? value) => value is null ? null : _interned[slot].Get(value);

    private void Grow()
    {
        var size = _labels.Length * 2;
        for (var i = 0; i < _numeric.Length; i++)
        {
            Array.Resize(ref _numeric[i], size);
        }

        for (var i = 0; i < _categorical.Length; i++)
        {
            Array.Resize(ref _categorical[i], size);
        }

        Array.Resize(ref _labels, size);
    }
}
