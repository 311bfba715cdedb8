using System.Collections.Frozen;
using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;
using MlOps.Core.Schema;
using MlOps.Core.Training;

namespace MlOps.Core.Scoring;

/// <summary>
/// A flat, allocation-free evaluator for tree models with ordered category codes (FastTree and
/// LightGbm), for the serving hot path. It reproduces ML.NET's arithmetic — the same comparisons,
/// the leaf values summed in tree order as a double, the same calibrator — and is only used after it
/// has matched ML.NET bit for bit on the package's samples and on probes; anything else scores
/// through ML.NET.
/// </summary>
internal sealed class CompiledTreeModel
{
    // Every tree's nodes in one array and every leaf value in another, for locality on the hot path.
    private readonly Node[] _nodes;
    private readonly int[] _nodeStart;
    private readonly double[] _leaves;
    private readonly int[] _leafStart;
    private readonly PlattCalibrator _calibrator;
    private readonly int _width;
    private readonly int[] _numericSlot;
    private readonly float[] _numericMissing;
    private readonly int[] _categoricalSlot;
    private readonly FrozenDictionary<string, float>.AlternateLookup<ReadOnlySpan<char>>[] _codes;
    private readonly float[] _categoricalUnknown;
    private readonly float[] _categoricalMissing;

    private CompiledTreeModel(RegressionTreeEnsemble ensemble, PlattCalibrator calibrator, Featurization featurization)
    {
        var trees = ensemble.Trees;
        var nodes = new List<Node>();
        var leaves = new List<double>();
        _nodeStart = new int[trees.Count];
        _leafStart = new int[trees.Count];
        for (var t = 0; t < trees.Count; t++)
        {
            var tree = trees[t];
            // An unsplit tree contributes 0 in ML.NET; it is marked by a start of -1.
            _nodeStart[t] = tree.LeftChild.Count == 0 || tree.LeftChild[0] == 0 ? -1 : nodes.Count;
            _leafStart[t] = leaves.Count;
            for (var n = 0; n < tree.LeftChild.Count; n++)
            {
                nodes.Add(new Node(tree.NumericalSplitFeatureIndexes[n], tree.NumericalSplitThresholds[n], tree.LeftChild[n], tree.RightChild[n]));
            }

            leaves.AddRange(tree.LeafValues);
        }

        _nodes = [.. nodes];
        _leaves = [.. leaves];
        _calibrator = calibrator;
        _width = featurization.Width;
        _numericSlot = featurization.NumericSlot;
        _numericMissing = featurization.NumericMissing;
        _categoricalSlot = featurization.CategoricalSlot;
        _codes = featurization.Codes.Select(c => c.GetAlternateLookup<ReadOnlySpan<char>>()).ToArray();
        _categoricalUnknown = featurization.CategoricalUnknown;
        _categoricalMissing = featurization.CategoricalMissing;
    }

    public float Score(ReadOnlySpan<float> numeric, ReadOnlySpan<ReadOnlyMemory<char>> categorical)
    {
        Span<float> x = _width <= 256 ? stackalloc float[_width] : new float[_width];
        for (var i = 0; i < _numericSlot.Length; i++)
        {
            var v = numeric[i];
            x[_numericSlot[i]] = float.IsNaN(v) ? _numericMissing[i] : v;
        }

        for (var i = 0; i < _categoricalSlot.Length; i++)
        {
            var value = categorical[i].Span;
            x[_categoricalSlot[i]] = value.IsEmpty ? _categoricalMissing[i] : _codes[i].TryGetValue(value, out var code) ? code : _categoricalUnknown[i];
        }

        // As ML.NET: each tree walks "value <= threshold" to a leaf; leaf values are summed in tree order as a double.
        double sum = 0;
        var nodes = _nodes;
        for (var t = 0; t < _nodeStart.Length; t++)
        {
            var start = _nodeStart[t];
            if (start < 0)
            {
                sum += 0;
                continue;
            }

            var node = 0;
            while (node >= 0)
            {
                ref readonly var n = ref nodes[start + node];
                node = x[n.Feature] <= n.Threshold ? n.Left : n.Right;
            }

            sum += _leaves[_leafStart[t] + ~node];
        }

        return _calibrator.PredictProbability((float)sum);
    }

    private readonly record struct Node(int Feature, float Threshold, int Left, int Right);

    /// <summary>A compiled model for a package, or null when the model is not a plain tree ensemble with ordered codes or does not reproduce ML.NET exactly.</summary>
    public static CompiledTreeModel? TryCompile(ITransformer model, FeatureSchema schema, IReadOnlyDictionary<string, IReadOnlyDictionary<string, float>>? categoryCodes)
    {
        if (model is not TransformerChain<ITransformer> chain || categoryCodes is null || schema.CategoricalFeatures.Any(f => !categoryCodes.ContainsKey(f.Name)))
        {
            return null;
        }

        var steps = chain.ToArray();
        if (steps[^1] is not ISingleFeaturePredictionTransformer<object> predictor
            || Property(predictor.Model, "SubModel") is not TreeEnsembleModelParametersBasedOnRegressionTree trees
            || Property(predictor.Model, "Calibrator") is not PlattCalibrator calibrator
            || trees.TrainedTreeEnsemble.Trees.Any(t => t.CategoricalSplitFlags.Any(split => split)))
        {
            return null;
        }

        var featurizer = new TransformerChain<ITransformer>(steps[..^1]);
        var featurization = Featurization.Probe(featurizer, schema, categoryCodes);
        return featurization is null ? null : new CompiledTreeModel(trees.TrainedTreeEnsemble, calibrator, featurization);
    }

    // The most derived declaration: calibrated models redeclare SubModel and Calibrator with narrower types.
    private static object? Property(object target, string name)
    {
        for (var type = target.GetType(); type is not null; type = type.BaseType)
        {
            if (type.GetProperty(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly) is { } property)
            {
                return property.GetValue(target);
            }
        }

        return null;
    }

    /// <summary>Where each input lands in ML.NET's feature vector, learned by asking ML.NET's own featurizer.</summary>
    private sealed record Featurization(
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
    }
}
