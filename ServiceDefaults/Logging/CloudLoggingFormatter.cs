using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace MlOps.ServiceDefaults.Logging;

/// <summary>
/// Writes each log entry as one line holding one JSON object, the structured form Cloud Logging reads from a Cloud
/// Run container's stdout: <c>severity</c>, <c>time</c>, <c>message</c>, the current trace and span, and labels are
/// lifted into the LogEntry; the logged properties and scopes become its <c>jsonPayload</c>. An exception is appended
/// to the message and written whole (<c>Exception.ToString()</c>) as <c>stack_trace</c>, the C# form Error Reporting parses.
/// </summary>
internal sealed class CloudLoggingFormatter(IOptionsMonitor<CloudLoggingFormatterOptions> options, TimeProvider? time = null)
    : ConsoleFormatter(FormatterName)
{
    public const string FormatterName = "google-cloud";

    private const string OriginalFormat = "{OriginalFormat}";
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        if (string.IsNullOrEmpty(message) && logEntry.Exception is null)
        {
            return;
        }

        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(1024);
        buffer.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            WriteEntry(writer, logEntry, message, scopeProvider, options.CurrentValue);
        }

        // One write per entry, ending in the only newline of the line: JSON escapes every newline inside strings.
        textWriter.Write(Encoding.UTF8.GetString(buffer.WrittenSpan) + "\n");
    }

    private void WriteEntry<TState>(Utf8JsonWriter writer, in LogEntry<TState> entry, string message, IExternalScopeProvider? scopes, CloudLoggingFormatterOptions settings)
    {
        writer.WriteStartObject();
        writer.WriteString(CloudLoggingFields.Severity, CloudLoggingSeverity.Of(entry.LogLevel));
        writer.WriteString(CloudLoggingFields.Time, _time.GetUtcNow());
        writer.WriteString(CloudLoggingFields.Message, entry.Exception is { } error
            ? (message.Length == 0 ? error.ToString() : message + "\n" + error)
            : message);
        WriteLabels(writer, entry.Category, entry.EventId);
        WriteTrace(writer, Activity.Current, settings.ProjectId);
        if (entry.Exception is { } exception)
        {
            writer.WriteString(CloudLoggingFields.StackTrace, exception.ToString());
        }

        var written = new HashSet<string>(StringComparer.Ordinal);
        if (entry.State is IReadOnlyList<KeyValuePair<string, object?>> properties)
        {
            foreach (var (key, value) in properties)
            {
                if (key == OriginalFormat)
                {
                    writer.WriteString(CloudLoggingFields.MessageTemplate, value as string);
                }
                else
                {
                    CloudLoggingValues.WriteProperty(writer, key, value, written);
                }
            }
        }

        if (settings.IncludeScopes && scopes is not null)
        {
            WriteScopes(writer, scopes, written);
        }

        writer.WriteEndObject();
    }

    private static void WriteLabels(Utf8JsonWriter writer, string category, EventId eventId)
    {
        writer.WriteStartObject(CloudLoggingFields.Labels);
        writer.WriteString(CloudLoggingFields.Category, category);
        if (eventId.Id != 0)
        {
            writer.WriteString(CloudLoggingFields.EventId, eventId.Id.ToString(CultureInfo.InvariantCulture));
        }

        if (!string.IsNullOrEmpty(eventId.Name))
        {
            writer.WriteString(CloudLoggingFields.EventName, eventId.Name);
        }

        writer.WriteEndObject();
    }

    // The trace resource name ties the entry to its trace in Cloud Trace and to the other entries of the request.
    private static void WriteTrace(Utf8JsonWriter writer, Activity? activity, string? project)
    {
        if (activity is not { IdFormat: ActivityIdFormat.W3C })
        {
            return;
        }

        if (!string.IsNullOrEmpty(project))
        {
            writer.WriteString(CloudLoggingFields.Trace, $"projects/{project}/traces/{activity.TraceId.ToHexString()}");
        }

        writer.WriteString(CloudLoggingFields.SpanId, activity.SpanId.ToHexString());
        writer.WriteBoolean(CloudLoggingFields.TraceSampled, activity.Recorded);
    }

    private static void WriteScopes(Utf8JsonWriter writer, IExternalScopeProvider scopes, HashSet<string> written)
    {
        List<string>? plain = null;
        scopes.ForEachScope((scope, _) =>
        {
            if (scope is IEnumerable<KeyValuePair<string, object?>> properties)
            {
                foreach (var (key, value) in properties)
                {
                    // A scope's format string says nothing its properties do not.
                    if (key != OriginalFormat && !written.Contains(key))
                    {
                        CloudLoggingValues.WriteProperty(writer, key, value, written);
                    }
                }
            }
            else if (scope is not null)
            {
                (plain ??= []).Add(Convert.ToString(scope, CultureInfo.InvariantCulture) ?? "");
            }
        }, (object?)null);

        if (plain is not null)
        {
            writer.WriteStartArray(CloudLoggingFields.Scopes);
            plain.ForEach(writer.WriteStringValue);
            writer.WriteEndArray();
        }
    }
}
