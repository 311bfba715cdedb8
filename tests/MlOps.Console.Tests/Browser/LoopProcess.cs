using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using MlOps.Testing;

namespace MlOps.WebConsole.Tests.Browser;

/// <summary>
/// <c>mlops loop --serve</c>, as built, running as a child process: the console's address from its timeline, the
/// moment the loop closed from its summary, and all it printed for the failure messages.
/// </summary>
internal sealed partial class LoopProcess : IDisposable
{
    /// <summary>From the start to "Serving until Ctrl+C:"; the loop closes in well under a minute on a developer's machine.</summary>
    public static readonly TimeSpan CloseTimeout = TimeSpan.FromMinutes(4);

    private const string ServingLine = "Serving until Ctrl+C:";
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<string> _console = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _watching = new(CloseTimeout);

    private LoopProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        _ = WatchAsync();
    }

    public static string Binary { get; } = Path.Combine(Repository.Root, "tools", "MlOps.Cli", "bin", Repository.Configuration, "net10.0", "mlops.dll");

    /// <summary>The console's base address (<c>http://127.0.0.1:PORT</c>), as soon as the timeline names it.</summary>
    public Task<string> ConsoleUrl => _console.Task;

    /// <summary>Completes when the loop has closed and everything keeps serving; fails with the output when it exits or takes longer than <see cref="CloseTimeout"/>.</summary>
    public Task Closed => _closed.Task;

    /// <summary>Runs the loop in <paramref name="workdir"/>, which it recreates; the process works from the folder above it.</summary>
    public static LoopProcess Start(string workdir)
    {
        if (!File.Exists(Binary))
        {
            throw new InvalidOperationException($"{Binary} is missing: dotnet build tools/MlOps.Cli -c {Repository.Configuration} (building this test project does)");
        }

        var start = new ProcessStartInfo("dotnet", [Binary, "loop", "--serve", "--workdir", workdir])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(workdir)!,
        };
        return new LoopProcess(Process.Start(start) ?? throw new InvalidOperationException($"could not start dotnet {Binary}"));
    }

    /// <summary>What the loop printed: all of it when short, else its beginning and its end.</summary>
    public string Output()
    {
        lock (_output)
        {
            var text = _output.ToString();
            return text.Length > 12_000 ? $"{text[..4000]}\n…\n{text[^8000..]}" : text;
        }
    }

    public void Dispose()
    {
        _watching.Cancel();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process.Dispose();
        _watching.Dispose();
    }

    private async Task WatchAsync()
    {
        try
        {
            await _process.WaitForExitAsync(_watching.Token);
            Fail($"mlops loop exited with code {_process.ExitCode}");
        }
        catch (OperationCanceledException)
        {
            Fail($"mlops loop did not close within {CloseTimeout.TotalMinutes:0} minutes");
        }
    }

    private void Fail(string why)
    {
        var problem = new InvalidOperationException($"{why}; it printed:\n{Output()}");
        _console.TrySetException(problem);
        _closed.TrySetException(problem);
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        string text;
        lock (_output)
        {
            _output.AppendLine(line);
            text = _output.ToString();
        }

        // Not a terminal, the output wraps at 80 columns: the address may be on the line after the word.
        if (!_console.Task.IsCompleted && ConsoleAddress().Match(text) is { Success: true } address)
        {
            _console.TrySetResult(address.Groups[1].Value);
        }

        if (line.Contains(ServingLine, StringComparison.Ordinal))
        {
            _closed.TrySetResult();
        }
    }

    [GeneratedRegex(@"\bconsole\s+(http://127\.0\.0\.1:\d+)")]
    private static partial Regex ConsoleAddress();
}
