using System.Text;
using MlOps.Core.Data;
using MlOps.Core.Validation;

namespace MlOps.Core.Tests;

public sealed class DatasetValidationTests
{
    private static ValidationReport Validate(string file) =>
        DatasetReader.Load(DatasetSource.FromPath(TestData.Path($"bad/{file}")), TestData.TinySchema).Report;

    [Theory]
    [InlineData("empty.csv", IssueCode.EmptyFile, null, null, "the file is empty")]
    [InlineData("header-only.csv", IssueCode.EmptyFile, null, null, "header but no data rows")]
    [InlineData("missing-column.csv", IssueCode.MissingColumn, null, "hour", "missing from the header")]
    [InlineData("not-a-number.csv", IssueCode.NotANumber, 2L, "distance", "'abc' is not a number")]
    [InlineData("not-finite.csv", IssueCode.NotFinite, 1L, "distance", "'NaN' is not a finite number")]
    [InlineData("out-of-range.csv", IssueCode.OutOfRange, 2L, "hour", "25 is outside the allowed range [0, 23]")]
    [InlineData("out-of-vocabulary.csv", IssueCode.OutOfVocabulary, 2L, "payment", "'bitcoin' is not one of the allowed values (card, cash)")]
    [InlineData("missing-share.csv", IssueCode.MissingShare, null, "zone", "50.0% of values are missing (2 of 4), above the limit of 25.0%")]
    [InlineData("label-not-binary.csv", IssueCode.LabelNotBinary, null, "tip_bin", "exactly two classes, found 3")]
    [InlineData("single-class.csv", IssueCode.SingleClass, null, "tip_bin", "only one class ('0') is present")]
    [InlineData("field-count.csv", IssueCode.FieldCount, 2L, null, "expected 5 fields, found 4")]
    [InlineData("label-missing.csv", IssueCode.LabelMissing, 2L, "tip_bin", "the label is missing")]
    [InlineData("duplicate-column.csv", IssueCode.DuplicateColumn, null, "hour", "more than once")]
    [InlineData("unterminated-quote.csv", IssueCode.MalformedQuoting, 2L, null, "never closed")]
    public void Each_bad_csv_gives_the_right_problem_at_the_right_place(string file, string code, long? row, string? column, string message)
    {
        var report = Validate(file);

        Assert.False(report.IsValid);
        var issue = report.Issues.First(i => i.Code == code);
        Assert.Equal(row, issue.Row);
        Assert.Equal(column, issue.Column);
        Assert.Contains(message, issue.Message);
        if (code is not (IssueCode.MissingShare or IssueCode.LabelNotBinary or IssueCode.SingleClass))
        {
            Assert.EndsWith(file, issue.File);
        }
    }

    [Fact]
    public void Every_problem_in_a_file_is_reported_not_just_the_first()
    {
        var report = Validate("many-problems.csv");

        Assert.Equal(4, report.TotalIssues);
        Assert.Equal(
            [(1L, "distance", IssueCode.OutOfRange), (2L, "hour", IssueCode.NotANumber), (3L, "payment", IssueCode.OutOfVocabulary), (4L, "hour", IssueCode.OutOfRange)],
            report.Issues.Select(i => (i.Row!.Value, i.Column!, i.Code)));
        Assert.Contains("4 problem(s) in 4 rows", report.ToText());
        Assert.Contains("many-problems.csv, row 2, column 'hour': 'x' is not a number", report.ToText());
    }

    [Fact]
    public void An_invalid_dataset_is_not_kept_for_training()
    {
        var result = DatasetReader.Load(DatasetSource.FromPath(TestData.Path("bad/out-of-range.csv")), TestData.TinySchema);

        Assert.Null(result.Dataset);
    }

    [Fact]
    public void A_file_with_a_bom_crlf_blank_lines_and_quoted_fields_is_valid()
    {
        var result = DatasetReader.Load(DatasetSource.FromPath(TestData.Path("good/bom-crlf-quoted.csv")), TestData.TinySchema);

        Assert.True(result.Report.IsValid, result.Report.ToText());
        var data = result.Dataset!;
        Assert.Equal(4, data.RowCount);
        Assert.Equal("Midtown, East", data.Categorical(1, 0));
        Assert.Equal("The \"Village\"", data.Categorical(1, 1));
        Assert.Equal("Multi\nline", data.Categorical(1, 2));
        Assert.Equal([true, false, false, true], data.Labels.ToArray());
        Assert.Equal("0", result.Info.NegativeClass);
    }

    [Fact]
    public void The_fingerprint_is_the_sha256_of_the_file_bytes()
    {
        var path = TestData.Path("good/bom-crlf-quoted.csv");
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path)));

        var result = DatasetReader.Load(DatasetSource.FromPath(path), TestData.TinySchema);

        Assert.Equal(expected, result.Info.Fingerprint);
    }

    [Fact]
    public void Missing_cells_are_allowed_up_to_the_limit_and_read_as_missing()
    {
        var result = TestData.LoadCsv("distance,hour,payment,zone,tip_bin\n,3,card,SoHo,1\n2,4,cash,SoHo,0\n3,5,NA,SoHo,0\n4,6,card,SoHo,1\n", TestData.TinySchema);

        Assert.True(result.Report.IsValid, result.Report.ToText());
        Assert.True(float.IsNaN(result.Dataset!.Numeric(0, 0)));
        Assert.Null(result.Dataset.Categorical(0, 2));
    }

    [Fact]
    public void Unlabelled_data_reads_when_the_label_is_not_required()
    {
        var result = TestData.LoadCsv("distance,hour,payment,zone\n1,3,card,SoHo\n", TestData.TinySchema, new DatasetReadOptions { RequireLabel = false });

        Assert.True(result.Report.IsValid, result.Report.ToText());
        Assert.Equal(1, result.Dataset!.RowCount);
    }

    [Fact]
    public void The_issue_list_is_capped_but_the_counts_stay_exact()
    {
        var lines = string.Join("\n", Enumerable.Range(0, 50).Select(i => $"x,{i % 24},card,SoHo,{i % 2}"));
        var result = TestData.LoadCsv("distance,hour,payment,zone,tip_bin\n" + lines, TestData.TinySchema, new DatasetReadOptions { IssueDetailLimit = 10 });

        Assert.Equal(50, result.Report.TotalIssues);
        Assert.Equal(10, result.Report.Issues.Count);
        Assert.Equal(50, result.Report.CountByCode[IssueCode.NotANumber]);
    }

    [Fact]
    public void A_folder_of_snapshots_reads_the_newest_by_the_date_in_the_name()
    {
        using var temp = new TempDirectory();
        var header = "distance,hour,payment,zone,tip_bin\n";
        File.WriteAllText(temp.File("trips-2026-01-03.csv"), header + "3,3,card,SoHo,1\n3,3,cash,SoHo,0\n");
        File.WriteAllText(temp.File("trips-2026-01-01.csv"), header + "1,1,card,SoHo,1\n");
        File.WriteAllText(temp.File("trips-20260102.csv"), header + "2,2,card,SoHo,0\n");

        var source = DatasetSource.FromPath(temp.Path, newest: 2);
        var data = DatasetReader.Load(source, TestData.TinySchema).Dataset!;

        Assert.Equal(["trips-20260102.csv", "trips-2026-01-03.csv"], source.Files.Select(Path.GetFileName));
        Assert.Equal([2f, 3f, 3f], data.NumericColumn(0).ToArray());
    }

    [Fact]
    public void An_empty_folder_is_reported()
    {
        using var temp = new TempDirectory();

        var report = DatasetReader.Load(DatasetSource.FromPath(temp.Path), TestData.TinySchema).Report;

        Assert.Equal(IssueCode.NoFiles, Assert.Single(report.Issues).Code);
    }

    [Theory]
    [InlineData("latin-1")]
    [InlineData("invalid")]
    public void A_file_that_is_not_utf8_is_refused_as_such_not_read_as_replacement_characters(string bytes)
    {
        var text = "distance,hour,payment,zone,tip_bin\n1,2,card,Zürich,1\n2,3,cash,SoHo,0\n";
        var csv = bytes == "latin-1" ? Encoding.Latin1.GetBytes(text) : [.. Encoding.UTF8.GetBytes(text), 0xFF, 0xFE, (byte)'\n'];

        var report = DatasetReader.Load(new MemoryStream(csv), "data.csv", TestData.TinySchema).Report;

        var issue = Assert.Single(report.Issues, i => i.Code == IssueCode.InvalidEncoding);
        Assert.Contains("not UTF-8", issue.Message);
    }

    [Fact]
    public void A_utf16_file_with_a_byte_order_mark_is_read()
    {
        var text = "distance,hour,payment,zone,tip_bin\n1,2,card,Zürich,1\n2,3,cash,SoHo,0\n";

        var report = DatasetReader.Load(new MemoryStream([.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)]), "data.csv", TestData.TinySchema).Report;

        Assert.DoesNotContain(report.Issues, i => i.Code is IssueCode.InvalidEncoding or IssueCode.MissingColumn);
    }
}
