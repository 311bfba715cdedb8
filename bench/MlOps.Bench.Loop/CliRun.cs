/// <summary>How the CLI exited and what it wrote.</summary>
internal sealed record CliRun(int ExitCode, IReadOnlyList<CliLine> Lines, string Error)
{
    public string Output => string.Join('\n', Lines.Select(l => l.Text));

    /// <summary>The first line the CLI wrote that contains <paramref name="text"/> (timeline lines: time, service, what).</summary>
    public CliLine? First(string text) => Lines.FirstOrDefault(l => l.Text.Contains(text, StringComparison.Ordinal));
}
