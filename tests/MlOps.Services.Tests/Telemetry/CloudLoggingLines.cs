using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MlOps.ServiceDefaults.Logging;

namespace MlOps.Services.Tests.Telemetry;

/// <summary>Log calls made through a real logger factory and rendered by <see cref="CloudLoggingFormatter"/>, as the console logger would.</summary>
internal sealed class CloudLoggingLines : ILoggerProvider, ISupportExternalScope
{
    public static readonly DateTimeOffset Now = new(2026, 12, 1, 10, 0, 0, 250, TimeSpan.Zero);

    private readonly CloudLoggingFormatter _formatter;
    private readonly StringWriter _output = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    private CloudLoggingLines(CloudLoggingFormatterOptions options) =>
        _formatter = new CloudLoggingFormatter(new FixedOptions(options), new FixedTime(Now));

    /// <summary>Everything written, exactly as it would reach stdout.</summary>
    public string Text => _output.ToString();

    public static CloudLoggingLines Render(Action<ILoggerFactory> log, string? project = "acme-mlops-prod")
    {
        var lines = new CloudLoggingLines(new CloudLoggingFormatterOptions { ProjectId = project });
        using (var factory = LoggerFactory.Create(b => b.AddProvider(lines).SetMinimumLevel(LogLevel.Trace)))
        {
            log(factory);
        }

        return lines;
    }

    public static JsonElement Single(Action<ILogger> log, string? project = "acme-mlops-prod", string category = "MlOps.Trainer.Training") =>
        JsonDocument.Parse(Render(f => log(f.CreateLogger(category)), project).Text).RootElement;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Logger(CloudLoggingLines owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => owner._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner._formatter.Write(new LogEntry<TState>(logLevel, category, eventId, state, exception, formatter), owner._scopes, owner._output);
    }

    private sealed class FixedOptions(CloudLoggingFormatterOptions value) : IOptionsMonitor<CloudLoggingFormatterOptions>
    {
        public CloudLoggingFormatterOptions CurrentValue => value;

        public CloudLoggingFormatterOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<CloudLoggingFormatterOptions, string?> listener) => null;
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
