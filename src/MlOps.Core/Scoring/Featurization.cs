using System.Collections.Frozen;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlOps.Core.Data;
using MlOps.Core.Schema;
using MlOps.Core.Training;

namespace MlOps.Core.Scoring;

/// <summary>
/// Where each input lands in ML.NET's feature vector when every feature is one slot (numerics and
/// ordered category codes), learned by asking the fitted featurizer itself: the compiled scorer
/// and the trainer's feature matrix reproduce its output exactly.
/// </summary>
internal sealed record Featurization(
    int Width,
    int[] NumericSlot,
    float[] NumericMissing,
    int[] CategoricalSlot,
    FrozenDictionary<string, float>[] Codes,
    float[] CategoricalUnknown,
    float[] CategoricalMissing)
{
    public static Featurization? Probe(ITransformer featurizer, FeatureSchema schema, IReadOnlyDictionary<string, IReadOnlyDictionary<string, float>> categoryCodes)
    {
        var input = new InputRow(schema);
        var mapper = featurizer.GetRowToRowMapper(input.Schema);
        var column = mapper.OutputSchema.GetColumnOrNull(ModelColumns.Features);
        if (column is null)
        {
            return null;
        }

        var row = mapper.GetRow(input, [column.Value]);
        var getter = row.GetGetter<VBuffer<float>>(column.Value);
        var vector = default(VBuffer<float>);
        float[] Read()
        {
            input.Advance();
            getter(ref vector);
            return vector.DenseValues().ToArray();
        }

        // A baseline row, then each input moved on its own: the slot that changes is the input's.
        void Reset()
        {
            Array.Fill(input.Numeric, 0f);
            for (var c = 0; c < input.Categorical.Length; c++)
            {
                input.Categorical[c] = ReadOnlyMemory<char>.Empty;
            }
        }

        Reset();
        var baseline = Read();
        var width = baseline.Length;
        var numericSlot = new int[schema.NumericFeatures.Count];
        var numericMissing = new float[numericSlot.Length];
        for (var i = 0; i < numericSlot.Length; i++)
        {
            Reset();
            input.Numeric[i] = 12345.5f;
            numericSlot[i] = Array.IndexOf(Read(), 12345.5f);
            input.Numeric[i] = float.NaN;
            if (numericSlot[i] < 0)
            {
                return null;
            }

            numericMissing[i] = Read()[numericSlot[i]];
        }

        var categoricalSlot = new int[schema.CategoricalFeatures.Count];
        var codes = new FrozenDictionary<string, float>[categoricalSlot.Length];
        var unknown = new float[categoricalSlot.Length];
        var missing = new float[categoricalSlot.Length];
        for (var c = 0; c < categoricalSlot.Length; c++)
        {
            var table = categoryCodes[schema.CategoricalFeatures[c].Name];
            codes[c] = table.ToFrozenDictionary(StringComparer.Ordinal);
            var probe = table.OrderByDescending(kv => kv.Value).FirstOrDefault();
            if (probe.Key is null)
            {
                return null;
            }

            Reset();
            input.Categorical[c] = probe.Key.AsMemory();
            var changed = Read();
            categoricalSlot[c] = Enumerable.Range(0, width).FirstOrDefault(s => changed[s] != baseline[s], -1);
            if (categoricalSlot[c] < 0 || changed[categoricalSlot[c]] != probe.Value)
            {
                return null;
            }

            missing[c] = baseline[categoricalSlot[c]];
            input.Categorical[c] = "\u0001not-a-category\u0001".AsMemory();
            unknown[c] = Read()[categoricalSlot[c]];
            foreach (var (value, code) in table)
            {
                input.Categorical[c] = value.AsMemory();
                if (Read()[categoricalSlot[c]] != code)
                {
                    return null;
                }
            }
        }

        return width == numericSlot.Length + categoricalSlot.Length
            ? new Featurization(width, numericSlot, numericMissing, categoricalSlot, codes, unknown, missing)
            : null;
    }


    /// <summary>The chosen rows' feature vectors, one array per slot, exactly as the featurizer would compute them.</summary>
    public float[][] EncodeColumns(Dataset data, int[] rows)
    {
        var columns = new float[Width][];
        for (var i = 0; i < NumericSlot.Length; i++)
        {
            var source = data.NumericColumn(i);
            var target = columns[NumericSlot[i]] = new float[rows.Length];
            var missing = NumericMissing[i];
            for (var r = 0; r < rows.Length; r++)
            {
                var v = source[rows[r]];
                target[r] = float.IsNaN(v) ? missing : v;
            }
        }

        for (var i = 0; i < CategoricalSlot.Length; i++)
        {
            var source = data.CategoricalColumn(i);
            var target = columns[CategoricalSlot[i]] = new float[rows.Length];
            var codes = Codes[i];
            for (var r = 0; r < rows.Length; r++)
            {
                target[r] = source[rows[r]] is not { Length: > 0 } value ? CategoricalMissing[i]
                    : codes.TryGetValue(value, out var code) ? code
                    : CategoricalUnknown[i];
            }
        }

        return columns;
    }
}
