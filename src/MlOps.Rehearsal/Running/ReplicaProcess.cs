using System.Diagnostics;
using System.Text;

namespace MlOps.Rehearsal.Running;

/// <summary>One instance of a service: its host run as a process with Cloud Run's variables, each output line handed on.</summary>
public sealed class ReplicaProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _tail = new();

    private ReplicaProcess(string name, int port, Process process, Action<ReplicaProcess, string> onLine)
    {
        Name = name;
        Port = port;
        _process = process;
        _process.OutputDataReceived += (_, e) => Line(e.Data, onLine);
        _process.ErrorDataReceived += (_, e) => Line(e.Data, onLine);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Name { get; }

    public int Port { get; }

    public Uri Address => new($"http://127.0.0.1:{Port}/");

    public bool HasExited => _process.HasExited;

    public static ReplicaProcess Start(string name, string dll, int port, IReadOnlyDictionary<string, string> environment, string workingDirectory, Action<ReplicaProcess, string> onLine, IReadOnlyList<string>? args = null)
    {
        var start = new ProcessStartInfo("dotnet", [dll, .. args ?? []])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        start.Environment.Clear();
        foreach (var key in new[] { "PATH", "HOME", "DOTNET_ROOT", "TMPDIR", "LANG" })
        {
            if (Environment.GetEnvironmentVariable(key) is { } value)
            {
                start.Environment[key] = value;
            }
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        start.Environment["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new ReplicaProcess(name, port, Process.Start(start) ?? throw new InvalidOperationException($"could not start {dll}"), onLine);
    }

    /// <summary>The last lines it wrote, for reports.</summary>
    public string Tail()
    {
        lock (_tail)
        {
            return _tail.ToString();
        }
    }

    /// <summary>The exit code, once the process ends (a job's container).</summary>
    public async Task<int> WaitForExitAsync(CancellationToken cancellationToken)
    {
        await _process.WaitForExitAsync(cancellationToken);
        return _process.ExitCode;
    }

    /// <summary>Ends the instance at once, as Cloud Run does when it replaces one.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private void Line(string? line, Action<ReplicaProcess, string> onLine)
    {
        if (line is null)
        {
            return;
        }

        lock (_tail)
        {
            _tail.AppendLine(line);
            if (_tail.Length > 8000)
            {
                _tail.Remove(0, _tail.Length - 6000);
            }
        }

        onLine(this, line);
    }
}
