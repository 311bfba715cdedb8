using System.Globalization;
using System.Text;

namespace MlOps.Reliability.Tests.Fuzzing;

/// <summary>
/// CSV files for the tiny schema (distance, hour, payment, zone; label tip_bin), generated from a seed: a well-formed
/// file with one to three defects — encodings (UTF-8 with or without a BOM, UTF-16, Latin-1 bytes, invalid UTF-8),
/// quoting (unbalanced, embedded newlines, escaped quotes), ragged rows, 1 MB fields, an empty file, a header only,
/// duplicate headers, NaN, Infinity and 1e400, a missing label column, NUL bytes.
/// </summary>
internal sealed class CsvGenerator(int seed)
{
    public const string Schema = """
        {
          "name": "tiny",
          "label": "tip_bin",
          "positiveClass": "1",
          "maxMissingShare": 0.25,
          "features": [
            { "name": "distance", "kind": "numeric", "range": { "min": 0, "max": 100 } },
            { "name": "hour", "kind": "numeric", "range": { "min": 0, "max": 23 } },
            { "name": "payment", "kind": "categorical", "vocabulary": ["card", "cash"] },
            { "name": "zone", "kind": "categorical" }
          ]
        }
        """;

    private static readonly string[] Defects =
    [
        "UTF-8 BOM", "UTF-16 LE", "UTF-16 BE", "Latin-1 bytes", "invalid UTF-8", "unbalanced quote", "embedded newline", "escaped quotes",
        "ragged row", "huge field", "empty file", "header only", "duplicate header", "NaN", "Infinity", "1e400", "missing label column",
        "NUL byte", "CRLF", "blank lines", "unknown label", "whitespace only",
    ];

    private readonly Random _random = new(seed);

    public IEnumerable<(string Defects, byte[] Bytes)> Generate(int count)
    {
        for (var i = 0; i < count; i++)
        {
            var chosen = Enumerable.Range(0, _random.Next(1, 4)).Select(_ => Defects[_random.Next(Defects.Length)]).Distinct().ToList();

            // At most one 1 MB field in fifty files keeps the run short.
            if (chosen.Contains("huge field") && i % 50 != 0)
            {
                chosen.Remove("huge field");
                chosen.Add("ragged row");
            }

            yield return (string.Join(" + ", chosen), Make(chosen));
        }
    }

    private byte[] Make(List<string> defects)
    {
        var header = new List<string> { "distance", "hour", "payment", "zone", "tip_bin" };
        var rows = Enumerable.Range(0, _random.Next(4, 30)).Select(r => new List<string>
        {
            (_random.NextDouble() * 50).ToString("F2", CultureInfo.InvariantCulture),
            _random.Next(24).ToString(CultureInfo.InvariantCulture),
            _random.Next(2) == 0 ? "card" : "cash",
            Pick(["SoHo", "Midtown", "JFK Airport", "Zürich"]),
            (r % 2).ToString(CultureInfo.InvariantCulture),
        }).ToList();
        var newline = "\n";
        foreach (var defect in defects)
        {
            var row = rows[_random.Next(rows.Count)];
            switch (defect)
            {
                case "unbalanced quote": row[3] = "\"" + row[3]; break;
                case "embedded newline": row[3] = $"\"{row[3]}\nnext\""; break;
                case "escaped quotes": row[3] = "\"say \"\"hi\"\"\""; break;
                case "ragged row": if (_random.Next(2) == 0) { row.RemoveAt(_random.Next(row.Count)); } else { row.Add("extra"); } break;
                case "huge field": row[3] = new string('z', 1024 * 1024); break;
                case "duplicate header": header[1] = "distance"; break;
                case "NaN": row[0] = "NaN"; break;
                case "Infinity": row[_random.Next(2)] = Pick(["Infinity", "-Infinity", "inf"]); break;
                case "1e400": row[0] = Pick(["1e400", "-1e400", "1e39"]); break;
                case "missing label column": header.RemoveAt(4); break;
                case "NUL byte": row[3] = "So\0Ho"; break;
                case "CRLF": newline = "\r\n"; break;
                case "unknown label": row[4] = "maybe"; break;
            }
        }

        var text = defects.Contains("empty file") ? ""
            : defects.Contains("whitespace only") ? "  \n\t\n"
            : string.Join(newline, rows.Prepend(header).Select((r, i) => defects.Contains("header only") && i > 0 ? null : string.Join(",", r)).Where(l => l is not null)) + newline;
        if (defects.Contains("blank lines") && text.Length > 0)
        {
            text = text.Insert(text.IndexOf('\n', StringComparison.Ordinal) + 1, "\n\n");
        }

        byte[] bytes = defects.Contains("UTF-16 LE") ? [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)]
            : defects.Contains("UTF-16 BE") ? [.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes(text)]
            : defects.Contains("Latin-1 bytes") ? Encoding.Latin1.GetBytes(text)
            : Encoding.UTF8.GetBytes(text);
        if (defects.Contains("UTF-8 BOM"))
        {
            bytes = [.. Encoding.UTF8.GetPreamble(), .. bytes];
        }

        if (defects.Contains("invalid UTF-8") && bytes.Length > 2)
        {
            var at = _random.Next(1, bytes.Length - 1);
            bytes = [.. bytes.AsSpan(0, at), .. Pick<byte[]>([[0xC0, 0xAF], [0xFF, 0xFE], [0xED, 0xA0, 0x80], [0xE2, 0x82]]), .. bytes.AsSpan(at)];
        }

        return bytes;
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];
}
