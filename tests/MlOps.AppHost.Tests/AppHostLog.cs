using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace MlOps.AppHost.Tests;

/// <summary>
/// The AppHost's log, kept instead of printed: the dashboard's login link (where an F5 user finds
/// it), each resource's console output, and the AppHost's own warnings and errors.
/// </summary>
internal sealed partial class AppHostLog : ILoggerProvider
{
    private const string ResourcePrefix = "MlOps.AppHost.Resources.";
    private readonly ConcurrentDictionary<string, StringBuilder> _resources = new(StringComparer.Ordinal);
    private readonly StringBuilder _problems = new();
    private volatile string? _loginUrl;

    public string? LoginUrl => _loginUrl;

    public string Problems
    {
        get
        {
            lock (_problems)
            {
                return _problems.ToString();
            }
        }
    }

    /// <summary>What a resource wrote to its console, as the dashboard's Console page shows it.</summary>
    public string Resource(string name)
    {
        if (!_resources.TryGetValue(name, out var lines))
        {
            return "";
        }

        lock (lines)
        {
            return lines.ToString();
        }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private void Write(string category, LogLevel level, string message)
    {
        if (category.StartsWith(ResourcePrefix, StringComparison.Ordinal))
        {
            var lines = _resources.GetOrAdd(category[ResourcePrefix.Length..], _ => new StringBuilder());
            lock (lines)
            {
                lines.AppendLine(Timestamp().Replace(message, ""));
            }

            return;
        }

        if (_loginUrl is null && LoginLink().Match(message) is { Success: true } match)
        {
            _loginUrl = match.Value;
        }

        if (level >= LogLevel.Warning)
        {
            lock (_problems)
            {
                _problems.AppendLine($"{level} {category}: {message}");
            }
        }
    }

    [GeneratedRegex(@"https?://\S+/login\?t=\w+")]
    private static partial Regex LoginLink();

    [GeneratedRegex(@"^\d+: \S+Z ")]
    private static partial Regex Timestamp();

    private sealed class Logger(AppHostLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            log.Write(category, logLevel, formatter(state, exception) + (exception is null ? "" : $" {exception}"));
    }
}
