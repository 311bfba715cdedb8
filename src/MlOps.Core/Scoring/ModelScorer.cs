using System.Collections.Concurrent;
using Microsoft.ML;
using MlOps.Core.Data;
using MlOps.Core.Schema;

namespace MlOps.Core.Scoring;

/// <summary>Thread-safe scoring for one model: a pool of <see cref="ScoringEngine"/>s.</summary>
public sealed class ModelScorer
{
    private readonly ConcurrentBag<ScoringEngine> _pool = [];
    private readonly ITransformer _model;
    private readonly CompiledTreeModel? _compiled;

    public ModelScorer(ITransformer model, FeatureSchema schema)
        : this(model, schema, null)
    {
    }

    internal ModelScorer(ITransformer model, FeatureSchema schema, CompiledTreeModel? compiled)
    {
        _model = model;
        _compiled = compiled;
        Schema = schema;
    }

    public FeatureSchema Schema { get; }

    /// <summary>Whether scores come from the verified flat tree evaluator rather than ML.NET's pipeline.</summary>
    public bool Compiled => _compiled is not null;

    public ScoringEngine Rent() => _pool.TryTake(out var engine) ? engine : new ScoringEngine(_model, Schema, _compiled);

    public void Return(ScoringEngine engine) => _pool.Add(engine);

    /// <summary>Scores every row of <paramref name="data"/>, whose schema may differ from the model's as long as it has every feature the model needs.</summary>
    public float[] ScoreAll(Dataset data, int degreeOfParallelism = 1)
    {
        var map = FeatureMap(data.Schema);
        var scores = new float[data.RowCount];
        const int chunk = 16_384;
        var chunks = (data.RowCount + chunk - 1) / chunk;
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, degreeOfParallelism) }, c =>
            ScoreRange(data, map, scores, c * chunk, Math.Min(data.RowCount, (c + 1) * chunk)));
        return scores;
    }

    private void ScoreRange(Dataset data, int[] map, float[] scores, int start, int end)
    {
        var engine = Rent();
        try
        {
            for (var row = start; row < end; row++)
            {
                for (var f = 0; f < Schema.Features.Count; f++)
                {
                    var slot = Schema.Slot(f);
                    var source = map[f];
                    if (Schema.Features[f].IsNumeric)
                    {
                        engine.Numeric[slot] = data.Numeric(source, row);
                    }
                    else
                    {
                        engine.Categorical[slot] = (data.Categorical(source, row) ?? "").AsMemory();
                    }
                }

                scores[row] = engine.Score();
            }
        }
        finally
        {
            Return(engine);
        }
    }

    // For each model feature, its slot in the data's schema.
    private int[] FeatureMap(FeatureSchema dataSchema)
    {
        var map = new int[Schema.Features.Count];
        var problems = new List<string>();
        for (var f = 0; f < Schema.Features.Count; f++)
        {
            var feature = Schema.Features[f];
            var index = dataSchema.IndexOf(feature.Name);
            if (index < 0)
            {
                problems.Add($"'{feature.Name}' is missing");
            }
            else if (dataSchema.Features[index].Kind != feature.Kind)
            {
                problems.Add($"'{feature.Name}' is {dataSchema.Features[index].Kind.ToString().ToLowerInvariant()} in the data but {feature.Kind.ToString().ToLowerInvariant()} in the model");
            }
            else
            {
                map[f] = dataSchema.Slot(index);
            }
        }

        return problems.Count == 0
            ? map
            : throw new InvalidOperationException("the data does not fit the model's schema: " + string.Join("; ", problems));
    }
}
