using System.Collections.Frozen;
using System.Reflection;
using System.Runtime.CompilerServices;
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
    private readonly int[] _roots;
    private readonly double[] _leaves;
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
        _roots = new int[trees.Count];
        for (var t = 0; t < trees.Count; t++)
        {
            var tree = trees[t];
            var nodeBase = nodes.Count;
            var leafBase = leaves.Count;
            if (tree.LeftChild.Count == 0 || tree.LeftChild[0] == 0)
            {
                // An unsplit tree contributes 0 in ML.NET: its root is a leaf of 0.
                _roots[t] = ~leaves.Count;
                leaves.Add(0);
                continue;
            }

            // Children are indices into the one node array, leaves (~index) into the one leaf array.
            _roots[t] = nodeBase;
            for (var n = 0; n < tree.LeftChild.Count; n++)
            {
                nodes.Add(new Node(tree.NumericalSplitFeatureIndexes[n], tree.NumericalSplitThresholds[n], Child(tree.LeftChild[n]), Child(tree.RightChild[n])));
            }

            leaves.AddRange(tree.LeafValues);

            int Child(int child) => child >= 0 ? nodeBase + child : ~(leafBase + ~child);
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
        // Four trees walk together: each step is a load and a select that waits on the one before, so
        // four independent walks overlap where one would stall.
        double sum = 0;
        var nodes = _nodes;
        var leaves = _leaves;
        var roots = _roots;
        var t = 0;
        for (; t + 4 <= roots.Length; t += 4)
        {
            int a = roots[t], b = roots[t + 1], c = roots[t + 2], d = roots[t + 3];
            while ((a | b | c | d) >= 0)
            {
                a = Step(nodes, x, a);
                b = Step(nodes, x, b);
                c = Step(nodes, x, c);
                d = Step(nodes, x, d);
            }

            sum += leaves[~Walk(nodes, x, a)];
            sum += leaves[~Walk(nodes, x, b)];
            sum += leaves[~Walk(nodes, x, c)];
            sum += leaves[~Walk(nodes, x, d)];
        }

        for (; t < roots.Length; t++)
        {
            sum += leaves[~Walk(nodes, x, roots[t])];
        }

        return _calibrator.PredictProbability((float)sum);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Step(Node[] nodes, ReadOnlySpan<float> x, int node)
    {
        ref readonly var n = ref nodes[node];
        return x[n.Feature] <= n.Threshold ? n.Left : n.Right;
    }

    // From node (a leaf already, or a node) down to its leaf.
    private static int Walk(Node[] nodes, ReadOnlySpan<float> x, int node)
    {
        while (node >= 0)
        {
            node = Step(nodes, x, node);
        }

        return node;
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
}
