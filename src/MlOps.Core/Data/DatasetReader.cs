using System.Security.Cryptography;
using System.Text;
using MlOps.Core.Schema;
using MlOps.Core.Validation;

namespace MlOps.Core.Data;

/// <summary>
/// Reads a dataset in one streaming pass: validates every cell against the schema, fingerprints
/// the bytes and, when the data is valid, keeps it column by column for training.
/// </summary>
public static class DatasetReader
{
    private const int MaxDistinctLabels = 64;

    public static DatasetLoadResult Load(DatasetSource source, FeatureSchema schema, DatasetReadOptions? options = null)
    {
        options ??= new DatasetReadOptions();
        var state = new ReadState(schema, options);
        if (source.Files.Count == 0)
        {
            state.Report.Add(new ValidationIssue(IssueCode.NoFiles, $"no CSV files found in {source.Path}"));
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long bytesRead = 0;
        foreach (var file in source.Files)
        {
            using var stream = new HashingReadStream(File.OpenRead(file), hash, options.Progress is null ? null : n => options.Progress.Report(bytesRead += n));
            ReadFile(stream, file, state);
        }

        state.Finish();
        var info = new DatasetInfo(Convert.ToHexStringLower(hash.GetHashAndReset()), source.Files, state.Report.RowCount, state.NegativeClass);
        var dataset = state.Report.IsValid && options.KeepData ? state.Builder.Build(info) : null;
        return new DatasetLoadResult(dataset, state.Report, info);
    }

    /// <summary>Reads CSV text that is already in memory (tests, request bodies).</summary>
    public static DatasetLoadResult Load(Stream csv, string name, FeatureSchema schema, DatasetReadOptions? options = null)
    {
        options ??= new DatasetReadOptions();
        var state = new ReadState(schema, options);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using (var stream = new HashingReadStream(csv, hash, null))
        {
            ReadFile(stream, name, state);
        }

        state.Finish();
        var info = new DatasetInfo(Convert.ToHexStringLower(hash.GetHashAndReset()), [name], state.Report.RowCount, state.NegativeClass);
        return new DatasetLoadResult(state.Report.IsValid && options.KeepData ? state.Builder.Build(info) : null, state.Report, info);
    }

    // Strict, so a Latin-1 or corrupt byte is reported instead of becoming U+FFFD in the training data; a UTF-16 file says so by its byte-order mark.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static void ReadFile(Stream stream, string file, ReadState state)
    {
        try
        {
            ReadRows(stream, file, state);
        }
        catch (DecoderFallbackException e)
        {
            state.Report.Add(new ValidationIssue(IssueCode.InvalidEncoding, $"the file is not UTF-8 text (bytes {Convert.ToHexString(e.BytesUnknown ?? [])} after {state.Report.RowCount:N0} rows): save it as UTF-8", file));
        }
    }

    private static void ReadRows(Stream stream, string file, ReadState state)
    {
        var report = state.Report;
        using var reader = new CsvRowReader(new StreamReader(stream, StrictUtf8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16));
        if (!reader.ReadHeader())
        {
            report.Add(new ValidationIssue(IssueCode.EmptyFile, "the file is empty: no header and no rows", file));
            return;
        }

        var columns = MapColumns(reader.Header!, file, state);
        if (columns is null)
        {
            return;
        }

        var schema = state.Schema;
        var numeric = new float[schema.NumericFeatures.Count];
        var categorical = new string?[schema.CategoricalFeatures.Count];
        var width = reader.Header!.Length;
        long fileRows = 0;
        while (reader.Read())
        {
            fileRows++;
            report.RowCount++;
            if (reader.IsMalformed)
            {
                report.Add(new ValidationIssue(IssueCode.MalformedQuoting, "a quote is misplaced or never closed", file, reader.Row));
                continue;
            }

            if (reader.FieldCount != width)
            {
                report.Add(new ValidationIssue(IssueCode.FieldCount, $"expected {width} fields, found {reader.FieldCount}", file, reader.Row));
                continue;
            }

            var rowValid = true;
            for (var f = 0; f < schema.Features.Count; f++)
            {
                rowValid &= ReadCell(reader, columns.Features[f], f, file, state, numeric, categorical);
            }

            if (columns.Label < 0)
            {
                if (rowValid && state.Options.KeepData && report.IsValid)
                {
                    state.Builder.Add(numeric, categorical, false);
                }

                continue;
            }

            var label = reader.Field(columns.Label).Trim();
            if (FeatureValidator.IsMissingToken(label))
            {
                report.Add(new ValidationIssue(IssueCode.LabelMissing, "the label is missing", file, reader.Row, schema.Label));
                continue;
            }

            var positive = state.CountLabel(label);
            if (rowValid && state.Options.KeepData && report.IsValid)
            {
                state.Builder.Add(numeric, categorical, positive);
            }
        }

        if (fileRows == 0)
        {
            report.Add(new ValidationIssue(IssueCode.EmptyFile, "the file has a header but no data rows", file));
        }
    }

    private static bool ReadCell(CsvRowReader reader, int column, int f, string file, ReadState state, float[] numeric, string?[] categorical)
    {
        var schema = state.Schema;
        var slot = schema.Slot(f);
        var raw = reader.Field(column);
        CellStatus status;
        if (schema.Features[f].IsNumeric)
        {
            status = state.Validator.ParseNumeric(f, raw, out numeric[slot]);
        }
        else
        {
            status = state.Validator.CheckCategorical(f, raw);
            categorical[slot] = status == CellStatus.Ok ? state.Pools[slot].Get(raw.Trim()) : null;
        }

        switch (status)
        {
            case CellStatus.Ok:
                return true;
            case CellStatus.Missing:
                state.Missing[f]++;
                return true;
            default:
                var text = raw.Trim().ToString();
                var (code, message) = state.Validator.Describe(f, status, text);
                state.Report.Add(new ValidationIssue(code, message, file, reader.Row, schema.Features[f].Name, text));
                return false;
        }
    }

    private static ColumnMap? MapColumns(string[] header, string file, ReadState state)
    {
        var schema = state.Schema;
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Length; i++)
        {
            if (!index.TryAdd(header[i], i) && (schema.IndexOf(header[i]) >= 0 || header[i] == schema.Label))
            {
                state.Report.Add(new ValidationIssue(IssueCode.DuplicateColumn, "the column appears more than once in the header", file, Column: header[i]));
            }
        }

        var features = new int[schema.Features.Count];
        var complete = true;
        for (var f = 0; f < schema.Features.Count; f++)
        {
            if (!index.TryGetValue(schema.Features[f].Name, out features[f]))
            {
                state.Report.Add(new ValidationIssue(IssueCode.MissingColumn, "the column is missing from the header", file, Column: schema.Features[f].Name));
                complete = false;
            }
        }

        var label = index.GetValueOrDefault(schema.Label, -1);
        if (label < 0 && state.Options.RequireLabel)
        {
            state.Report.Add(new ValidationIssue(IssueCode.MissingColumn, "the label column is missing from the header", file, Column: schema.Label));
            complete = false;
        }

        return complete ? new ColumnMap(features, label) : null;
    }

    private sealed record ColumnMap(int[] Features, int Label);

    private sealed class ReadState(FeatureSchema schema, DatasetReadOptions options)
    {
        public FeatureSchema Schema { get; } = schema;

        public DatasetReadOptions Options { get; } = options;

        public ValidationReport Report { get; } = new(options.IssueDetailLimit);

        public FeatureValidator Validator { get; } = new(schema);

        public LabelMatcher Labels { get; } = new(schema);

        public DatasetBuilder Builder { get; } = new(schema);

        public long[] Missing { get; } = new long[schema.Features.Count];

        public StringPool[] Pools { get; } = schema.CategoricalFeatures.Select(_ => new StringPool()).ToArray();

        // Raw label spellings seen and whether each is the positive class; merged into classes at the end.
        private readonly Dictionary<string, bool> _labelSpellings = new(StringComparer.Ordinal);

        private bool _tooManyLabels;

        public bool CountLabel(ReadOnlySpan<char> label)
        {
            var lookup = _labelSpellings.GetAlternateLookup<ReadOnlySpan<char>>();
            if (lookup.TryGetValue(label, out var positive))
            {
                return positive;
            }

            positive = Labels.IsPositive(label.ToString());
            if (_labelSpellings.Count < MaxDistinctLabels)
            {
                lookup[label] = positive;
            }
            else
            {
                _tooManyLabels = true;
            }

            return positive;
        }

        public string? NegativeClass => _labelSpellings.FirstOrDefault(kv => !kv.Value).Key;

        private Dictionary<string, bool> LabelCounts =>
            _labelSpellings.GroupBy(kv => LabelMatcher.ClassKey(kv.Key)).ToDictionary(g => g.Key, g => g.First().Value);

        public void Finish()
        {
            var rows = Report.RowCount;
            if (rows == 0)
            {
                return;
            }

            var limit = Options.MaxMissingShare ?? Schema.MaxMissingShare;
            for (var f = 0; f < Schema.Features.Count; f++)
            {
                var share = (double)Missing[f] / rows;
                if (share > limit)
                {
                    Report.Add(new ValidationIssue(
                        IssueCode.MissingShare,
                        $"{share * 100:F1}% of values are missing ({Missing[f]:N0} of {rows:N0}), above the limit of {limit * 100:F1}%",
                        Column: Schema.Features[f].Name));
                }
            }

            CheckLabelClasses();
        }

        private void CheckLabelClasses()
        {
            var classes = LabelCounts;
            if (classes.Count == 0)
            {
                return;
            }

            var label = Schema.Label;
            if (classes.Count > 2 || _tooManyLabels)
            {
                var examples = string.Join(", ", classes.Keys.Take(5).Select(k => $"'{k}'"));
                var count = _tooManyLabels ? $"more than {MaxDistinctLabels}" : classes.Count.ToString();
                Report.Add(new ValidationIssue(IssueCode.LabelNotBinary, $"the label must have exactly two classes, found {count} ({examples}{(classes.Count > 5 ? ", ..." : "")})", Column: label));
                return;
            }

            var positive = classes.Values.Count(p => p);
            if (classes.Count == 1)
            {
                var only = classes.Keys.Single();
                Report.Add(new ValidationIssue(IssueCode.SingleClass, $"only one class ('{only}') is present; training needs both the positive class '{Schema.PositiveClass}' and another", Column: label));
            }
            else if (positive == 0)
            {
                Report.Add(new ValidationIssue(IssueCode.SingleClass, $"the positive class '{Schema.PositiveClass}' never appears (classes: {string.Join(", ", classes.Keys.Select(k => $"'{k}'"))})", Column: label));
            }
        }
    }
}
