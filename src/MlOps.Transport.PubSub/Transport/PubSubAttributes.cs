using System.Globalization;
using System.Text;
using Google.Protobuf.Collections;
using MassTransit;
using MlOps.PubSub;

namespace MlOps.Transport.PubSub.Transport;

/// <summary>MassTransit headers as Pub/Sub attributes, kept within Pub/Sub's limits: at most 100,
/// keys up to 256 bytes (never <c>goog…</c>), values cut to 1024 bytes (fault stack traces are long).</summary>
public static class PubSubAttributes
{
    public static void AddEnvelope(MapField<string, string> attributes, SendContext context)
    {
        Set(attributes, MessageHeaders.ContentType, context.ContentType?.ToString());
        Set(attributes, MessageHeaders.MessageId, context.MessageId?.ToString("D"));
        Set(attributes, MessageHeaders.CorrelationId, context.CorrelationId?.ToString("D"));
        Set(attributes, MessageHeaders.ConversationId, context.ConversationId?.ToString("D"));
        Set(attributes, MessageHeaders.RequestId, context.RequestId?.ToString("D"));
        Set(attributes, MessageHeaders.InitiatorId, context.InitiatorId?.ToString("D"));
        Set(attributes, MessageHeaders.SourceAddress, context.SourceAddress?.ToString());
        Set(attributes, MessageHeaders.ResponseAddress, context.ResponseAddress?.ToString());
        Set(attributes, MessageHeaders.FaultAddress, context.FaultAddress?.ToString());
        if (context.SupportedMessageTypes is { Length: > 0 } types)
        {
            Set(attributes, MessageHeaders.MessageType, string.Join(';', types));
        }
    }

    public static void AddHeaders(MapField<string, string> attributes, IEnumerable<KeyValuePair<string, object>> headers)
    {
        foreach (var (key, value) in headers)
        {
            Set(attributes, key, Format(value));
        }
    }

    /// <summary>Adds (or replaces) one attribute unless it would break a limit; values are cut to fit.</summary>
    public static void Set(MapField<string, string> attributes, string key, string? value)
    {
        if (value is null || key.Length == 0 || key.StartsWith("goog", StringComparison.OrdinalIgnoreCase)
            || Encoding.UTF8.GetByteCount(key) > PublishLimits.MaxAttributeKeyBytes)
        {
            return;
        }

        if (!attributes.ContainsKey(key) && attributes.Count >= PublishLimits.MaxAttributes)
        {
            return;
        }

        attributes[key] = Truncate(value, PublishLimits.MaxAttributeValueBytes);
    }

    public static string Truncate(string value, int maxBytes)
    {
        if (Encoding.UTF8.GetByteCount(value) <= maxBytes)
        {
            return value;
        }

        var bytes = Encoding.UTF8.GetBytes(value);
        var length = maxBytes;
        while (length > 0 && (bytes[length] & 0xC0) == 0x80)
        {
            length--;
        }

        return Encoding.UTF8.GetString(bytes, 0, length);
    }

    private static string? Format(object? value) => value switch
    {
        null => null,
        string s => s,
        DateTime d => d.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
        DateTimeOffset d => d.ToString("O", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        Uri u => u.ToString(),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
