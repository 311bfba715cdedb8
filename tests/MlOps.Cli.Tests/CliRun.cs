using System.Text.Json;

namespace MlOps.Cli.Tests;

/// <summary>Runs the command line in process and captures what it writes.</summary>
internal sealed record CliRun(int ExitCode, string Output, string Error)
{
    public static async Task<CliRun> Invoke(string workingDirectory, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code;
        await Gate.WaitAsync();
        var previous = Directory.GetCurrentDirectory();
        try
        {
            Directory.SetCurrentDirectory(workingDirectory);
            code = await CliApp.RunAsync(args, CliConsole.Capture(output, error));
        }
        finally
        {
            Directory.SetCurrentDirectory(previous);
            Gate.Release();
        }

        return new CliRun(code, output.ToString(), error.ToString());
    }

    /// <summary>Deletes a test's folder under the same lock, so no run is inside it when it goes.</summary>
    public static void DeleteWorkingDirectory(string path)
    {
        Gate.Wait();
        try
        {
            Directory.Delete(path, recursive: true);
        }
        finally
        {
            Gate.Release();
        }
    }

    public JsonElement Json() => JsonDocument.Parse(Output).RootElement;

    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Output}\nstderr:\n{Error}";

    // The working directory is process-wide, so runs that change it take turns.
    private static readonly SemaphoreSlim Gate = new(1, 1);
}
