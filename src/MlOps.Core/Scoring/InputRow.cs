using Microsoft.ML;
using Microsoft.ML.Data;
using MlOps.Core.Schema;
using MlOps.Core.Training;

namespace MlOps.Core.Scoring;

// A single mutable input row: the engine writes feature values into the arrays and advances the
// position, which tells ML.NET's cached getters that the values changed.
internal sealed class InputRow : DataViewRow
{
    private readonly FeatureSchema _features;
    private long _position;

    public InputRow(FeatureSchema features)
    {
        _features = features;
        Schema = ModelColumns.InputSchema(features, withLabel: false);
        Numeric = new float[features.NumericFeatures.Count];
        Categorical = new ReadOnlyMemory<char>[features.CategoricalFeatures.Count];
    }

    public float[] Numeric { get; }

    public ReadOnlyMemory<char>[] Categorical { get; }

    public override long Position => _position;

    public override long Batch => 0;

    public override DataViewSchema Schema { get; }

    public void Advance() => _position++;

    public override bool IsColumnActive(DataViewSchema.Column column) => true;

    public override ValueGetter<DataViewRowId> GetIdGetter() =>
        (ref DataViewRowId id) => id = new DataViewRowId((ulong)_position, 0);

    public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
    {
        var slot = _features.Slot(column.Index);
        Delegate getter = _features.Features[column.Index].IsNumeric
            ? (ValueGetter<float>)((ref float value) => value = Numeric[slot])
            : (ValueGetter<ReadOnlyMemory<char>>)((ref ReadOnlyMemory<char> value) => value = Categorical[slot]);
        return getter as ValueGetter<TValue>
            ?? throw new InvalidOperationException($"column '{column.Name}' is not of type {typeof(TValue).Name}");
    }
}
