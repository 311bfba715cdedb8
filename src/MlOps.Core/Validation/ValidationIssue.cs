namespace MlOps.Core.Validation;

/// <summary>One problem found in a dataset, located by file, data row (1-based, header excluded) and column.</summary>
public sealed record ValidationIssue(
    string Code,
    string Message,
    string? File = null,
    long? Row = null,
    string? Column = null,
    string? Value = null)
{
    public override string ToString()
    {
        var where = new List<string>(3);
        if (File is not null)
        {
            where.Add(Path.GetFileName(File));
        }

        if (Row is not null)
        {
            where.Add($"row {Row}");
        }

        if (Column is not null)
        {
            where.Add($"column '{Column}'");
        }

        return where.Count == 0 ? Message : $"{string.Join(", ", where)}: {Message}";
    }
}
