namespace MlOps.Core.Scoring;

/// <summary>One input format of batch scoring: reads records, loads each into the engine or rejects it with reasons, writes each scored record.</summary>
internal interface IBatchRecords
{
    /// <summary>Records read so far (rows or non-empty lines), which the progress reports count.</summary>
    public long Read { get; }

    /// <summary>Moves to the next record; false at the end of the input.</summary>
    public bool Next();

    /// <summary>Loads the current record's features into the engine; false, with a reject line per problem written, when it does not fit the schema.</summary>
    public bool TryLoad(ScoringEngine engine, TextWriter? rejects);

    /// <summary>Writes the current record with its prediction.</summary>
    public void Write(float probability, string label);
}
