using MlOps.Core.Schema;

namespace MlOps.Core.Scoring;

/// <summary>Parsed instances laid out row by row in schema slot order, ready for a <see cref="ScoringEngine"/>.</summary>
public sealed class FeatureBatch(FeatureSchema schema)
{
    private float[] _numeric = new float[schema.NumericFeatures.Count * 4];
    private ReadOnlyMemory<char>[] _categorical = new ReadOnlyMemory<char>[schema.CategoricalFeatures.Count * 4];
    private (int Start, int Length)[] _raw = new (int, int)[4];

    public FeatureSchema Schema { get; } = schema;

    public int Count { get; private set; }

    public int NumericWidth { get; } = schema.NumericFeatures.Count;

    public int CategoricalWidth { get; } = schema.CategoricalFeatures.Count;

    public Span<float> Numeric(int row) => _numeric.AsSpan(row * NumericWidth, NumericWidth);

    public Span<ReadOnlyMemory<char>> Categorical(int row) => _categorical.AsSpan(row * CategoricalWidth, CategoricalWidth);

    /// <summary>Appends a row with every value missing and returns its index.</summary>
    public int AddRow()
    {
        var row = Count++;
        if ((row + 1) * NumericWidth > _numeric.Length)
        {
            Array.Resize(ref _numeric, Math.Max(_numeric.Length * 2, (row + 1) * NumericWidth));
        }

        if ((row + 1) * CategoricalWidth > _categorical.Length)
        {
            Array.Resize(ref _categorical, Math.Max(_categorical.Length * 2, (row + 1) * CategoricalWidth));
        }

        if (row == _raw.Length)
        {
            Array.Resize(ref _raw, _raw.Length * 2);
        }

        Numeric(row).Fill(float.NaN);
        Categorical(row).Clear();
        _raw[row] = (0, 0);
        return row;
    }

    /// <summary>Where row <paramref name="row"/> was written as a JSON object in the request body, or length 0 when positional.</summary>
    public (int Start, int Length) RawObject(int row) => _raw[row];

    internal void SetRawObject(int row, int start, int length) => _raw[row] = (start, length);

    public void Clear() => Count = 0;

    /// <summary>Copies row <paramref name="row"/> into the engine's input.</summary>
    public void Load(int row, ScoringEngine engine)
    {
        Numeric(row).CopyTo(engine.Numeric);
        Categorical(row).CopyTo(engine.Categorical);
    }
}
