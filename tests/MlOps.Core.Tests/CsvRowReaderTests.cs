using System.Text;
using MlOps.Core.Data;

namespace MlOps.Core.Tests;

public sealed class CsvRowReaderTests
{
    private static List<string[]> ReadAll(string text, out CsvRowReader reader)
    {
        reader = new CsvRowReader(new MemoryStream(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text)).ToArray()));
        var rows = new List<string[]>();
        Assert.True(reader.ReadHeader());
        while (reader.Read())
        {
            var current = reader;
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(i => current[i]).ToArray());
        }

        return rows;
    }

    [Fact]
    public void Quoted_fields_keep_separators_escaped_quotes_and_line_breaks()
    {
        var rows = ReadAll("a,b\r\n\"x, y\",\"say \"\"hi\"\"\"\r\n\"two\nlines\",z\r\n", out var reader);

        Assert.Equal(["a", "b"], reader.Header!);
        Assert.Equal(["x, y", "say \"hi\""], rows[0]);
        Assert.Equal(["two\nlines", "z"], rows[1]);
        Assert.Equal(2, reader.Row);
    }

    [Fact]
    public void The_byte_order_mark_is_not_part_of_the_first_column_name()
    {
        ReadAll("first,second\n1,2\n", out var reader);

        Assert.Equal("first", reader.Header![0]);
    }

    [Fact]
    public void Blank_lines_are_skipped_and_a_trailing_separator_is_an_empty_field()
    {
        var rows = ReadAll("a,b\n\n1,\n\r\n2,3", out _);

        Assert.Equal([["1", ""], ["2", "3"]], rows);
    }

    [Fact]
    public void A_stray_or_unterminated_quote_marks_the_record_as_malformed()
    {
        var reader = new CsvRowReader(new MemoryStream(Encoding.UTF8.GetBytes("a,b\nx\"y,1\nfine,2\n\"open,3\n")));
        reader.ReadHeader();

        Assert.True(reader.Read());
        Assert.True(reader.IsMalformed);
        Assert.True(reader.Read());
        Assert.False(reader.IsMalformed);
        Assert.True(reader.Read());
        Assert.True(reader.IsMalformed);
    }

    [Fact]
    public void A_record_longer_than_the_read_buffer_is_read_whole()
    {
        var longValue = new string('v', 200_000);
        var rows = ReadAll($"a,b\n{longValue},1\n", out _);

        Assert.Equal(longValue, rows[0][0]);
    }
}
