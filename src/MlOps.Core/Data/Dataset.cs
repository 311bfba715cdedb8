using MlOps.Core.Schema;

namespace MlOps.Core.Data;

/// <summary>
/// A validated dataset held column by column: numeric features as floats (NaN = missing),
/// categorical features as interned strings (null = missing) and the label as a boolean.
/// </summary>
public sealed class Dataset
{
    private readonly float[][] _numeric;
    private readonly string?[][] _categorical;
    private readonly bool[] _labels;

    internal Dataset(FeatureSchema schema, float[][] numeric, string?[][] categorical, bool[] labels, int rowCount, DatasetInfo info)
    {
        Schema = schema;
        _numeric = numeric;
        _categorical = categorical;
        _labels = labels;
        RowCount = rowCount;
        Info = info;
    }

    public FeatureSchema Schema { get; }

    public int RowCount { get; }

    public DatasetInfo Info { get; }

    public ReadOnlySpan<bool> Labels => _labels.AsSpan(0, RowCount);

    public int PositiveCount => Labels.Count(true);

    public float Numeric(int slot, int row) => _numeric[slot][row];

    public string? Categorical(int slot, int row) => _categorical[slot][row];

    public ReadOnlySpan<float> NumericColumn(int slot) => _numeric[slot].AsSpan(0, RowCount);

    public ReadOnlySpan<string?> CategoricalColumn(int slot) => _categorical[slot].AsSpan(0, RowCount);

    /// <summary>A copy holding only <paramref name="rows"/>, in that order.</summary>
    public Dataset Subset(IReadOnlyList<int> rows)
    {
        var numeric = _numeric.Select(column => rows.Select(r => column[r]).ToArray()).ToArray();
        var categorical = _categorical.Select(column => rows.Select(r => column[r]).ToArray()).ToArray();
        var labels = rows.Select(r => _labels[r]).ToArray();
        return new Dataset(Schema, numeric, categorical, labels, rows.Count, Info with { RowCount = rows.Count });
    }
}
