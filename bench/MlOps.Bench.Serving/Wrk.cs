using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

/// <summary>wrk from Debian against one URL: POST one instance per request, fixed threads, connections and duration.</summary>
internal static partial class Wrk
{
    public static WrkResult Run(string url, string body, int threads, int connections, TimeSpan duration)
    {
        var script = Path.Combine(Path.GetTempPath(), $"mlops-wrk-{Environment.ProcessId}.lua");
        File.WriteAllText(script, $"wrk.method = \"POST\"\nwrk.headers[\"Content-Type\"] = \"application/json\"\nwrk.body = [==[{body}]==]\n");
        var start = new ProcessStartInfo("wrk", ["-t", threads.ToString(), "-c", connections.ToString(), "-d", $"{(int)duration.TotalSeconds}s", "--latency", "-s", script, url])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("wrk is not installed (apt-get install wrk)");
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var rps = double.Parse(Rps().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        var non2xx = Non2xx().Match(output) is { Success: true } m ? long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        var errors = SocketErrors().Match(output) is { Success: true } e ? e.Groups[0].Value : null;
        var requests = long.Parse(Requests().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        return new WrkResult(rps, Latency(output, "50"), Latency(output, "99"), non2xx, errors, requests);
    }

    private static double Latency(string output, string percentile)
    {
        var match = Regex.Match(output, $@"^\s+{percentile}%\s+([\d.]+)(us|ms|s)\s*$", RegexOptions.Multiline);
        var value = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return match.Groups[2].Value switch { "us" => value / 1000, "s" => value * 1000, _ => value };
    }

    [GeneratedRegex(@"(\d+) requests in")]
    private static partial Regex Requests();

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex Rps();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")]
    private static partial Regex Non2xx();

    [GeneratedRegex(@"Socket errors:[^\n]+")]
    private static partial Regex SocketErrors();
}

internal sealed record WrkResult(double Rps, double P50Ms, double P99Ms, long Non2xx, string? SocketErrors, long Requests = 0)
{
    /// <summary>Server CPU microseconds per request, when measured.</summary>
    public double CpuMicroseconds { get; init; }

    /// <summary>Bytes the server allocated per request, when measured.</summary>
    public double AllocatedBytes { get; init; }

    /// <summary>Generation 1 collections in the server during the run, when measured.</summary>
    public int Gen1Collections { get; init; }
}
