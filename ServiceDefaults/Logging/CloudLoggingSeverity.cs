using Microsoft.Extensions.Logging;

namespace MlOps.ServiceDefaults.Logging;

/// <summary>Cloud Logging's <c>LogSeverity</c> names for .NET log levels.</summary>
internal static class CloudLoggingSeverity
{
    public static string Of(LogLevel level) => level switch
    {
        LogLevel.Trace or LogLevel.Debug => "DEBUG",
        LogLevel.Information => "INFO",
        LogLevel.Warning => "WARNING",
        LogLevel.Error => "ERROR",
        LogLevel.Critical => "CRITICAL",
        _ => "DEFAULT",
    };
}
