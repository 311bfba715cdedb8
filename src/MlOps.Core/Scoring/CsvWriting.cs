namespace MlOps.Core.Scoring;

internal static class CsvWriting
{
    public static void WriteField(TextWriter writer, ReadOnlySpan<char> value)
    {
        if (value.IndexOfAny(",\"\r\n") < 0)
        {
            writer.Write(value);
            return;
        }

        writer.Write('"');
        foreach (var c in value)
        {
            if (c == '"')
            {
                writer.Write('"');
            }

            writer.Write(c);
        }

        writer.Write('"');
    }

    public static void WriteFloat(TextWriter writer, float value)
    {
        Span<char> buffer = stackalloc char[32];
        value.TryFormat(buffer, out var written, "R", System.Globalization.CultureInfo.InvariantCulture);
        writer.Write(buffer[..written]);
    }
}
