using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlOps.Core.Training;

/// <summary>
/// The learner's input as ML.NET sees it after the featurizer — a label and a feature vector per
/// row — served from feature columns encoded once, so a learner that reads its data several times
/// does not run every row through the transform chain each time.
/// </summary>
internal sealed class FeatureMatrixView : IDataView
{
    private readonly float[][] _columns;
    private readonly bool[] _labels;

    public FeatureMatrixView(float[][] columns, bool[] labels, DataViewSchema.Column features)
    {
        _columns = columns;
        _labels = labels;
        var builder = new DataViewSchema.Builder();
        builder.AddColumn(features.Name, features.Type, features.Annotations);
        builder.AddColumn(ModelColumns.Label, BooleanDataViewType.Instance);
        Schema = builder.ToSchema();
        if (features.Type is not VectorDataViewType { ItemType: NumberDataViewType, Size: var size } || size != columns.Length)
        {
            throw new ArgumentException($"the featurizer's {features.Type} does not hold {columns.Length} single values", nameof(features));
        }
    }

    public DataViewSchema Schema { get; }

    public bool CanShuffle => false;

    public long? GetRowCount() => _labels.Length;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) => new Cursor(this);

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) => [new Cursor(this)];

    private sealed class Cursor(FeatureMatrixView view) : DataViewRowCursor
    {
        private long _position = -1;

        public override long Position => _position;

        public override long Batch => 0;

        public override DataViewSchema Schema => view.Schema;

        public override bool MoveNext()
        {
            if (_position + 1 >= view._labels.Length)
            {
                _position = view._labels.Length;
                return false;
            }

            _position++;
            return true;
        }

        public override bool IsColumnActive(DataViewSchema.Column column) => true;

        public override ValueGetter<DataViewRowId> GetIdGetter() =>
            (ref DataViewRowId id) => id = new DataViewRowId((ulong)_position, 0);

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            Delegate getter = column.Index == 0 ? (ValueGetter<VBuffer<float>>)GetFeatures : (ValueGetter<bool>)GetLabel;
            return getter as ValueGetter<TValue>
                ?? throw new InvalidOperationException($"column '{column.Name}' is not of type {typeof(TValue).Name}");
        }

        private void GetLabel(ref bool value) => value = view._labels[_position];

        private void GetFeatures(ref VBuffer<float> value)
        {
            var columns = view._columns;
            var editor = VBufferEditor.Create(ref value, columns.Length);
            for (var i = 0; i < columns.Length; i++)
            {
                editor.Values[i] = columns[i][_position];
            }

            value = editor.Commit();
        }
    }
}
