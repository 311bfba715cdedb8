using System.CommandLine;
using System.Text.Json;
using MlOps.Core.Packaging;
using MlOps.Core.Schema;
using MlOps.Core.Training;

namespace MlOps.Cli;

internal static class CommandExtensions
{
    public static readonly Option<bool> Json = new("--json") { Description = "Write machine-readable JSON to stdout instead of tables" };

    /// <summary>Runs the handler; bad input becomes a one-line reason on stderr and a non-zero exit code.</summary>
    public static Command Handle(this Command command, CliConsole console, Func<ParseResult, CancellationToken, Task<int>> handler)
    {
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                return await handler(parse, cancellationToken);
            }
            catch (Exception e) when (IsUserError(e))
            {
                console.Error.WriteLine($"error: {OneLine(e)}");
                return e is CliException cli ? cli.ExitCode : 1;
            }
        });
        return command;
    }

    public static Command Handle(this Command command, CliConsole console, Func<ParseResult, int> handler) =>
        command.Handle(console, (parse, _) => Task.FromResult(handler(parse)));

    public static void WriteJson<T>(this CliConsole console, T value) =>
        console.Out.WriteLine(JsonSerializer.Serialize(value, PackageJson.Options));

    private static bool IsUserError(Exception e) => e is CliException or SchemaException or PackageException or TrainingException
        or FileNotFoundException or DirectoryNotFoundException or InvalidDataException or ArgumentException or JsonException or UnauthorizedAccessException;

    private static string OneLine(Exception e) => e switch
    {
        SchemaException s when s.Errors.Count > 1 => $"invalid feature schema: {s.Errors[0]} (and {s.Errors.Count - 1} more problem(s))",
        SchemaException s => $"invalid feature schema: {s.Errors[0]}",
        _ => e.Message.ReplaceLineEndings(" "),
    };
}
