using MlOps.Core.Scoring;

namespace MlOps.Predictor.Logging;

/// <summary>The instances of one logged request, read where they are: a record's copies or the request's own buffers.</summary>
internal interface ILoggedInstances
{
    /// <summary>The instance as the client sent it (an object instance), or empty for a positional one.</summary>
    public ReadOnlySpan<byte> Raw(int row);

    /// <summary>The parsed value of a numeric feature; NaN when it is missing.</summary>
    public float Numeric(int row, int slot);

    /// <summary>The text of a categorical feature; false when it is missing.</summary>
    public bool TryCategorical(int row, int slot, out ReadOnlySpan<char> text);
}

/// <summary>A record's copies of the instances.</summary>
internal readonly struct RecordInstances(PredictionLogRecord record) : ILoggedInstances
{
    public ReadOnlySpan<byte> Raw(int row) =>
        record.RawRanges is { } ranges && ranges[row].Length > 0 ? record.RawInstances.AsSpan(ranges[row].Start, ranges[row].Length) : default;

    public float Numeric(int row, int slot) => record.Numeric[(row * record.Schema.NumericFeatures.Count) + slot];

    public bool TryCategorical(int row, int slot, out ReadOnlySpan<char> text)
    {
        var value = record.Categorical[(row * record.Schema.CategoricalFeatures.Count) + slot];
        text = value;
        return value is not null;
    }
}

/// <summary>The instances in the request's own buffers, read before they are reused: nothing is copied.</summary>
internal readonly ref struct RequestInstances(FeatureBatch batch, ReadOnlySpan<byte> body) : ILoggedInstances
{
    private readonly ReadOnlySpan<byte> _body = body;

    public ReadOnlySpan<byte> Raw(int row)
    {
        var (start, length) = batch.RawObject(row);
        return length > 0 ? _body.Slice(start, length) : default;
    }

    public float Numeric(int row, int slot) => batch.Numeric(row)[slot];

    // An empty value is a missing one, as it is when a record is made from the batch.
    public bool TryCategorical(int row, int slot, out ReadOnlySpan<char> text)
    {
        var value = batch.Categorical(row)[slot];
        text = value.Span;
        return !value.IsEmpty;
    }
}
