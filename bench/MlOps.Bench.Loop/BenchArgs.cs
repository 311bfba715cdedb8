using System.Globalization;

/// <summary>The command line: <c>--name value</c> options with defaults.</summary>
internal sealed class BenchArgs(string[] args)
{
    public int Int(string name, int fallback) =>
        Value(name) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

    public string? Value(string name) =>
        Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
