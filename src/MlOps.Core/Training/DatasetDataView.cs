using Microsoft.ML;
using Microsoft.ML.Data;
using MlOps.Core.Data;

namespace MlOps.Core.Training;

/// <summary>An ML.NET view over chosen rows of a <see cref="Dataset"/>, without copying them.</summary>
internal sealed class DatasetDataView(Dataset data, int[] rows) : IDataView
{
    public DataViewSchema Schema { get; } = ModelColumns.InputSchema(data.Schema, withLabel: true);

    public bool CanShuffle => false;

    public long? GetRowCount() => rows.Length;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) =>
        new Cursor(Schema, data, rows, columnsNeeded.Select(c => c.Index).ToHashSet());

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];

    private sealed class Cursor(DataViewSchema schema, Dataset data, int[] rows, HashSet<int> active) : DataViewRowCursor
    {
        private long _position = -1;

        public override long Position => _position;

        public override long Batch => 0;

        public override DataViewSchema Schema => schema;

        private int Row => rows[_position];

        public override bool MoveNext()
        {
            if (_position + 1 >= rows.Length)
            {
                _position = rows.Length;
                return false;
            }

            _position++;
            return true;
        }

        public override bool IsColumnActive(DataViewSchema.Column column) => active.Contains(column.Index);

        public override ValueGetter<DataViewRowId> GetIdGetter() =>
            (ref DataViewRowId id) => id = new DataViewRowId((ulong)_position, 0);

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            var features = data.Schema.Features;
            Delegate getter;
            if (column.Index == features.Count)
            {
                getter = (ValueGetter<bool>)((ref bool value) => value = data.Labels[Row]);
            }
            else
            {
                var slot = data.Schema.Slot(column.Index);
                getter = features[column.Index].IsNumeric
                    ? (ValueGetter<float>)((ref float value) => value = data.Numeric(slot, Row))
                    : (ValueGetter<ReadOnlyMemory<char>>)((ref ReadOnlyMemory<char> value) => value = (data.Categorical(slot, Row) ?? "").AsMemory());
            }

            return getter as ValueGetter<TValue>
                ?? throw new InvalidOperationException($"column '{column.Name}' is not of type {typeof(TValue).Name}");
        }
    }
}
