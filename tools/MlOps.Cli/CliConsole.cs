using Spectre.Console;

namespace MlOps.Cli;

/// <summary>Where the command line writes: tables and progress to <see cref="Ansi"/>, data to <see cref="Out"/>, reasons to <see cref="Error"/>.</summary>
public sealed class CliConsole(IAnsiConsole ansi, TextWriter output, TextWriter error)
{
    public static CliConsole System { get; } = new(AnsiConsole.Console, Console.Out, Console.Error);

    public IAnsiConsole Ansi { get; } = ansi;

    public TextWriter Out { get; } = output;

    public TextWriter Error { get; } = error;

    /// <summary>A console for tests and scripts: plain text, no colour, no live progress.</summary>
    public static CliConsole Capture(TextWriter output, TextWriter error) =>
        new(AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        }), output, error);
}
