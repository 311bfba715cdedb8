using System.Text.Json;

namespace MlOps.ServiceDefaults.Logging;

/// <summary>
/// The fields of a structured log line that Cloud Logging lifts out of <c>jsonPayload</c> into the LogEntry itself,
/// and the ones Error Reporting reads; a logged property with one of these names is written under another name.
/// </summary>
internal static class CloudLoggingFields
{
    public const string SpecialPrefix = "logging.googleapis.com/";

    public static readonly JsonEncodedText Severity = JsonEncodedText.Encode("severity");
    public static readonly JsonEncodedText Time = JsonEncodedText.Encode("time");
    public static readonly JsonEncodedText Message = JsonEncodedText.Encode("message");
    public static readonly JsonEncodedText StackTrace = JsonEncodedText.Encode("stack_trace");
    public static readonly JsonEncodedText MessageTemplate = JsonEncodedText.Encode("messageTemplate");
    public static readonly JsonEncodedText Scopes = JsonEncodedText.Encode("scopes");
    public static readonly JsonEncodedText Labels = JsonEncodedText.Encode(SpecialPrefix + "labels");
    public static readonly JsonEncodedText Trace = JsonEncodedText.Encode(SpecialPrefix + "trace");
    public static readonly JsonEncodedText SpanId = JsonEncodedText.Encode(SpecialPrefix + "spanId");
    public static readonly JsonEncodedText TraceSampled = JsonEncodedText.Encode(SpecialPrefix + "trace_sampled");

    /// <summary>Labels: the logger's category and the event id, as Cloud Logging labels (string to string).</summary>
    public static readonly JsonEncodedText Category = JsonEncodedText.Encode("category");
    public static readonly JsonEncodedText EventId = JsonEncodedText.Encode("eventId");
    public static readonly JsonEncodedText EventName = JsonEncodedText.Encode("eventName");

    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal)
    {
        "severity", "time", "timestamp", "timestampSeconds", "timestampNanos", "message", "httpRequest",
        "stack_trace", "exception", "serviceContext", "@type", "messageTemplate", "scopes",
    };

    public static bool IsReserved(string name) => Reserved.Contains(name) || name.StartsWith(SpecialPrefix, StringComparison.Ordinal);
}
