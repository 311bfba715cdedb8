using System.Collections.Frozen;
using MlOps.Core.Schema;

namespace MlOps.Core.Validation;

/// <summary>
/// Checks single feature values against the schema. Shared by dataset validation, online request
/// validation and batch scoring, so a value is judged the same way everywhere.
/// </summary>
public sealed class FeatureValidator
{
    private readonly FrozenSet<string>?[] _vocabularies;

    public FeatureValidator(FeatureSchema schema)
    {
        Schema = schema;
        _vocabularies = schema.Features
            .Select(f => f.Vocabulary is { } v ? v.ToFrozenSet(StringComparer.Ordinal) : null)
            .ToArray();
    }

    public FeatureSchema Schema { get; }

    /// <summary>Empty cells and the usual null spellings count as missing.</summary>
    public static bool IsMissingToken(ReadOnlySpan<char> text) =>
        text.IsEmpty || text is "NA" or "N/A" or "null" or "NULL" or "None";

    public CellStatus ParseNumeric(int featureIndex, ReadOnlySpan<char> text, out float value)
    {
        text = text.Trim();
        if (IsMissingToken(text))
        {
            value = float.NaN;
            return CellStatus.Missing;
        }

        if (!Invariant.TryParseDouble(text, out var parsed))
        {
            value = float.NaN;
            return CellStatus.NotANumber;
        }

        return CheckNumeric(featureIndex, parsed, out value);
    }

    public CellStatus CheckNumeric(int featureIndex, double parsed, out float value)
    {
        value = (float)parsed;
        if (!double.IsFinite(parsed))
        {
            return CellStatus.NotFinite;
        }

        return Schema.Features[featureIndex].InRange(parsed) ? CellStatus.Ok : CellStatus.OutOfRange;
    }

    public CellStatus CheckCategorical(int featureIndex, ReadOnlySpan<char> value)
    {
        value = value.Trim();
        if (IsMissingToken(value))
        {
            return CellStatus.Missing;
        }

        return _vocabularies[featureIndex] is { } vocabulary && !vocabulary.GetAlternateLookup<ReadOnlySpan<char>>().Contains(value)
            ? CellStatus.OutOfVocabulary
            : CellStatus.Ok;
    }

    /// <summary>The issue code and a message naming the problem with <paramref name="text"/>.</summary>
    public (string Code, string Message) Describe(int featureIndex, CellStatus status, string text)
    {
        var feature = Schema.Features[featureIndex];
        return status switch
        {
            CellStatus.NotANumber => (IssueCode.NotANumber, $"'{text}' is not a number"),
            CellStatus.NotFinite => (IssueCode.NotFinite, $"'{text}' is not a finite number"),
            CellStatus.OutOfRange => (IssueCode.OutOfRange, $"{text} is outside the allowed range {feature.DescribeRange()}"),
            CellStatus.OutOfVocabulary => (IssueCode.OutOfVocabulary, $"'{text}' is not one of the allowed values ({DescribeVocabulary(feature)})"),
            CellStatus.Missing => ("missing", "value is missing"),
            _ => ("ok", "ok"),
        };
    }

    private static string DescribeVocabulary(FeatureDefinition feature)
    {
        var vocabulary = feature.Vocabulary ?? [];
        const int shown = 8;
        var list = string.Join(", ", vocabulary.Take(shown));
        return vocabulary.Count > shown ? $"{list}, ... {vocabulary.Count - shown} more" : list;
    }
}
