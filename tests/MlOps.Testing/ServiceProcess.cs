using System.Diagnostics;
using System.Text;

namespace MlOps.Testing;

/// <summary>
/// One service host (services/&lt;Name&gt;.Host, as built) running as its own OS process on a loopback
/// port, the way Aspire and Cloud Run run it, with its output kept for failure messages.
/// </summary>
public sealed class ServiceProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ServiceProcess(string name, int port, Process process)
    {
        Name = name;
        Port = port;
        Url = $"http://127.0.0.1:{port}";
        _process = process;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Name { get; }

    public int Port { get; }

    public string Url { get; }

    public bool HasExited => _process.HasExited;

    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    /// <summary>The built host of the service, <c>services/{name}.Host</c>.</summary>
    public static string Binary(string name) =>
        Path.Combine(Repository.Root, "services", $"{name}.Host", "bin", Repository.Configuration, "net10.0", $"MlOps.{name}.Host.dll");

    /// <summary>Starts <c>services/{name}.Host</c> on <paramref name="port"/> in the ASP.NET Core environment <paramref name="environmentName"/>.</summary>
    public static ServiceProcess Start(string name, int port, IDictionary<string, string> environment, string environmentName = "Production")
    {
        var dll = Binary(name);
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"{dll} is missing: build the solution first (./test.sh does)");
        }

        var start = new ProcessStartInfo("dotnet", [dll])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = environmentName;
        start.Environment["DOTNET_ENVIRONMENT"] = environmentName;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return new ServiceProcess(name, port, Process.Start(start) ?? throw new InvalidOperationException($"could not start {dll}"));
    }

    /// <summary>Whether the process exited within <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>What the process wrote: all of it when short, else its beginning and its end.</summary>
    public string Output()
    {
        lock (_output)
        {
            var text = _output.ToString();
            return text.Length > 10_000 ? $"{text[..4000]}\n…\n{text[^6000..]}" : text;
        }
    }

    /// <summary>Kills the process (and its children) at once, as a crash or an instance replacement would.</summary>
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

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
