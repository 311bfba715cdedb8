namespace MlOps.Contracts;

/// <summary>Spellings of <see cref="BatchFormat"/>: the canonical one on the wire, and the ones people and file names use.</summary>
public static class BatchFormats
{
    public const string Csv = "csv";
    public const string JsonLines = "jsonl";

    private static readonly Dictionary<string, BatchFormat> Spellings = new(StringComparer.OrdinalIgnoreCase)
    {
        ["csv"] = BatchFormat.Csv,
        ["jsonl"] = BatchFormat.JsonLines,
        ["jsonlines"] = BatchFormat.JsonLines,
        ["json-lines"] = BatchFormat.JsonLines,
        ["ndjson"] = BatchFormat.JsonLines,
    };

    /// <summary>Every accepted spelling, for error messages.</summary>
    public static IReadOnlyCollection<string> Accepted => Spellings.Keys;

    public static bool TryParse(string? text, out BatchFormat format) => Spellings.TryGetValue((text ?? "").Trim().TrimStart('.'), out format);

    /// <summary>The format a file's extension names (<c>.csv</c>, <c>.jsonl</c>, <c>.ndjson</c>, …), or null.</summary>
    public static BatchFormat? FromExtension(string path) => TryParse(Path.GetExtension(path), out var format) ? format : null;

    public static string Name(BatchFormat format) => format switch
    {
        BatchFormat.Csv => Csv,
        BatchFormat.JsonLines => JsonLines,
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };
}
