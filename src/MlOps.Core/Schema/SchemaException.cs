namespace MlOps.Core.Schema;

/// <summary>A schema file or definition is not valid; <see cref="Errors"/> lists every problem.</summary>
public sealed class SchemaException(IReadOnlyList<string> errors, string? source = null)
    : Exception(Format(errors, source))
{
    public IReadOnlyList<string> Errors { get; } = errors;

    private static string Format(IReadOnlyList<string> errors, string? source) =>
        (source is null ? "Invalid feature schema" : $"Invalid feature schema '{source}'")
        + (errors.Count == 1 ? ": " + errors[0] : ":" + string.Concat(errors.Select(e => Environment.NewLine + "  - " + e)));
}
