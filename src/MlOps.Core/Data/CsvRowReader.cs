namespace MlOps.Core.Data;

/// <summary>
/// Streams the records of a CSV file one at a time: RFC 4180 quoting (<c>""</c> escapes, line
/// breaks inside quotes), a UTF-8 byte-order mark, CRLF, LF or CR line ends, blank lines skipped.
/// Field values are exposed as spans into a reused buffer, so reading allocates nothing per row.
/// </summary>
public sealed class CsvRowReader : IDisposable
{
    private readonly TextReader _reader;
    private readonly char _separator;
    private readonly char[] _input = new char[1 << 16];
    private int _inputPosition;
    private int _inputLength;
    private char[] _record = new char[1024];
    private int _recordLength;
    private int[] _fieldStarts = new int[64];
    private int[] _fieldEnds = new int[64];

    public CsvRowReader(Stream stream, char separator = ',', bool leaveOpen = false)
        : this(new StreamReader(stream, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16, leaveOpen: leaveOpen), separator)
    {
    }

    public CsvRowReader(TextReader reader, char separator = ',')
    {
        _reader = reader;
        _separator = separator;
    }

    public string[]? Header { get; private set; }

    /// <summary>1-based number of the current data record, the header excluded.</summary>
    public long Row { get; private set; }

    public int FieldCount { get; private set; }

    /// <summary>The current record had a stray quote or an unterminated quoted field.</summary>
    public bool IsMalformed { get; private set; }

    public ReadOnlySpan<char> Field(int index) => _record.AsSpan(_fieldStarts[index], _fieldEnds[index] - _fieldStarts[index]);

    public string this[int index] => Field(index).ToString();

    public bool ReadHeader()
    {
        if (!ReadRecord())
        {
            return false;
        }

        Header = new string[FieldCount];
        for (var i = 0; i < FieldCount; i++)
        {
            Header[i] = Field(i).Trim().ToString();
        }

        return true;
    }

    public bool Read()
    {
        if (!ReadRecord())
        {
            return false;
        }

        Row++;
        return true;
    }

    public void Dispose() => _reader.Dispose();

    private bool ReadRecord()
    {
        FieldCount = 0;
        _recordLength = 0;
        IsMalformed = false;

        var c = Next();
        while (c is '\n' or '\r')
        {
            c = Next();
        }

        if (c < 0)
        {
            return false;
        }

        while (true)
        {
            var start = _recordLength;
            c = c == '"' ? ReadQuoted() : ReadUnquoted(c);
            AddField(start, _recordLength);
            if (c == _separator)
            {
                c = Next();
                continue;
            }

            if (c == '\r' && Peek() == '\n')
            {
                Next();
            }

            return true;
        }
    }

    // Returns the character that ended the field: separator, line end or -1.
    private int ReadUnquoted(int c)
    {
        while (c >= 0 && c != _separator && c != '\n' && c != '\r')
        {
            IsMalformed |= c == '"';
            Append((char)c);
            c = Next();
        }

        return c;
    }

    private int ReadQuoted()
    {
        while (true)
        {
            var c = Next();
            if (c < 0)
            {
                IsMalformed = true;
                return c;
            }

            if (c == '"')
            {
                c = Next();
                if (c == '"')
                {
                    Append('"');
                    continue;
                }

                // Anything between the closing quote and the separator is kept but marks the record.
                while (c >= 0 && c != _separator && c != '\n' && c != '\r')
                {
                    IsMalformed = true;
                    Append((char)c);
                    c = Next();
                }

                return c;
            }

            Append((char)c);
        }
    }

    private void AddField(int start, int end)
    {
        if (FieldCount == _fieldStarts.Length)
        {
            Array.Resize(ref _fieldStarts, FieldCount * 2);
            Array.Resize(ref _fieldEnds, FieldCount * 2);
        }

        _fieldStarts[FieldCount] = start;
        _fieldEnds[FieldCount] = end;
        FieldCount++;
    }

    private void Append(char c)
    {
        if (_recordLength == _record.Length)
        {
            Array.Resize(ref _record, _record.Length * 2);
        }

        _record[_recordLength++] = c;
    }

    private int Next()
    {
        if (_inputPosition == _inputLength && !Fill())
        {
            return -1;
        }

        return _input[_inputPosition++];
    }

    private int Peek()
    {
        if (_inputPosition == _inputLength && !Fill())
        {
            return -1;
        }

        return _input[_inputPosition];
    }

    private bool Fill()
    {
        _inputLength = _reader.Read(_input, 0, _input.Length);
        _inputPosition = 0;
        return _inputLength > 0;
    }
}
