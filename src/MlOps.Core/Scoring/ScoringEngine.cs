using Microsoft.ML;
using Microsoft.ML.Data;
using MlOps.Core.Schema;
using MlOps.Core.Training;

namespace MlOps.Core.Scoring;

/// <summary>
/// Scores one row at a time with no allocation. Not thread-safe: rent one per thread from
/// <see cref="ModelScorer"/>. Set <see cref="Numeric"/> and <see cref="Categorical"/> (schema slot
/// order; NaN or empty for missing), then call <see cref="Score"/>.
/// </summary>
public sealed class ScoringEngine
{
    private readonly InputRow _input;
    private readonly DataViewRow _output;
    private readonly ValueGetter<float> _probability;

    private readonly CompiledTreeModel? _compiled;

    internal ScoringEngine(ITransformer model, FeatureSchema schema, CompiledTreeModel? compiled = null)
    {
        _compiled = compiled;
        _input = new InputRow(schema);
        var mapper = model.GetRowToRowMapper(_input.Schema);
        var probability = mapper.OutputSchema.GetColumnOrNull(ModelColumns.Probability)
            ?? throw new InvalidOperationException("the model has no Probability output; it is not a calibrated binary classifier");
        _output = mapper.GetRow(_input, [probability]);
        _probability = _output.GetGetter<float>(probability);
    }

    public float[] Numeric => _input.Numeric;

    public ReadOnlyMemory<char>[] Categorical => _input.Categorical;

    /// <summary>The probability of the positive class for the values currently set.</summary>
    public float Score()
    {
        if (_compiled is not null)
        {
            return _compiled.Score(_input.Numeric, _input.Categorical);
        }

        _input.Advance();
        var p = 0f;
        _probability(ref p);
        return p;
    }

    public void Clear()
    {
        Array.Fill(Numeric, float.NaN);
        Array.Fill(Categorical, ReadOnlyMemory<char>.Empty);
    }
}
