namespace MlOps.Core.Data;

public sealed record DatasetReadOptions
{
    /// <summary>Keep the parsed values (training) or only validate (the validate command).</summary>
    public bool KeepData { get; init; } = true;

    /// <summary>How many issues the report lists in detail; counts stay exact beyond it.</summary>
    public int IssueDetailLimit { get; init; } = 10_000;

    /// <summary>Overrides the schema's limit on the share of missing values per column.</summary>
    public double? MaxMissingShare { get; init; }

    /// <summary>
    /// False for unlabelled data such as serving traffic: the label column may be absent and is
    /// not checked; every row then counts as negative.
    /// </summary>
    public bool RequireLabel { get; init; } = true;

    /// <summary>Receives the number of bytes read so far, for progress bars.</summary>
    public IProgress<long>? Progress { get; init; }
}
