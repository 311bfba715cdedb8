using System.Diagnostics;

/// <summary>A server under test, started as its own process with its output discarded.</summary>
internal sealed class Server : IDisposable
{
    private readonly Process _process;

    private Server(Process process) => _process = process;

    public static async Task<Server> Start(string command, IEnumerable<string> args, IDictionary<string, string> environment, string readyUrl)
    {
        var quoted = string.Join(' ', args.Prepend(command).Select(a => "'" + a.Replace("'", "'\\''") + "'"));
        var start = new ProcessStartInfo("bash", ["-c", $"exec {quoted} > /dev/null 2>&1"]) { UseShellExecute = false };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var server = new Server(Process.Start(start) ?? throw new InvalidOperationException($"cannot start {command}"));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(180);
        while (DateTime.UtcNow < deadline)
        {
            if (server._process.HasExited)
            {
                throw new InvalidOperationException($"{command} exited with {server._process.ExitCode} before it was ready");
            }

            try
            {
                if ((await http.GetAsync(readyUrl)).IsSuccessStatusCode)
                {
                    return server;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }

            await Task.Delay(250);
        }

        server.Dispose();
        throw new TimeoutException($"{command} was not ready at {readyUrl}");
    }

    public long PeakMemoryBytes() => Memory.PeakOf(_process.Id);

    /// <summary>CPU time the server has used so far (user + system), from /proc.</summary>
    public TimeSpan CpuTime()
    {
        var fields = File.ReadAllText($"/proc/{_process.Id}/stat").Split(')')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return TimeSpan.FromSeconds((long.Parse(fields[11]) + long.Parse(fields[12])) / 100.0);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }

        _process.Dispose();
    }
}

internal static class Memory
{
    /// <summary>VmHWM: the process's peak resident set so far, from /proc.</summary>
    public static long PeakOf(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
