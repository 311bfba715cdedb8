namespace MlOps.Core.Validation;

/// <summary>Stable identifiers for data problems, for scripts and for grouping in reports.</summary>
public static class IssueCode
{
    public const string EmptyFile = "empty-file";
    public const string NoFiles = "no-files";
    public const string MissingColumn = "missing-column";
    public const string DuplicateColumn = "duplicate-column";
    public const string FieldCount = "field-count";
    public const string MalformedQuoting = "malformed-quoting";
    public const string NotANumber = "not-a-number";
    public const string NotFinite = "not-finite";
    public const string OutOfRange = "out-of-range";
    public const string OutOfVocabulary = "out-of-vocabulary";
    public const string MissingShare = "missing-share";
    public const string LabelMissing = "label-missing";
    public const string LabelNotBinary = "label-not-binary";
    public const string SingleClass = "single-class";
    public const string TooFewRows = "too-few-rows";
    public const string InvalidEncoding = "invalid-encoding";
}
