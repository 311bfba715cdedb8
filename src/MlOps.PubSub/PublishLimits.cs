using System.Text;
using Google.Cloud.PubSub.V1;
using Google.Protobuf;

namespace MlOps.PubSub;

/// <summary>Pub/Sub's publish quotas, checked client-side so a bad message fails with a clear
/// error instead of an INVALID_ARGUMENT for the whole batch.</summary>
public static class PublishLimits
{
    public const int MaxMessagesPerRequest = 1000;
    public const int MaxRequestBytes = 10_000_000;
    public const int MaxMessageBytes = 10_000_000;
    public const int MaxAttributes = 100;
    public const int MaxAttributeKeyBytes = 256;
    public const int MaxAttributeValueBytes = 1024;

    /// <summary>Bytes the message adds to a publish request (its encoded size plus framing).</summary>
    public static int RequestBytes(PubsubMessage message)
    {
        var size = message.CalculateSize();
        return size + CodedOutputStream.ComputeLengthSize(size) + 1;
    }

    /// <summary>Throws <see cref="PubSubLimitException"/> when Pub/Sub would reject the message; returns its request size.</summary>
    public static int Validate(PubsubMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Data.IsEmpty && message.Attributes.Count == 0)
        {
            throw new PubSubLimitException("A Pub/Sub message needs data or at least one attribute.");
        }

        if (message.Attributes.Count > MaxAttributes)
        {
            throw new PubSubLimitException($"A Pub/Sub message may carry at most {MaxAttributes} attributes; this one has {message.Attributes.Count}.");
        }

        foreach (var (key, value) in message.Attributes)
        {
            if (key.Length == 0)
            {
                throw new PubSubLimitException("Pub/Sub attribute keys must not be empty.");
            }

            if (key.StartsWith("goog", StringComparison.OrdinalIgnoreCase))
            {
                throw new PubSubLimitException($"Pub/Sub attribute key '{key}' starts with 'goog', which Google reserves.");
            }

            if (Encoding.UTF8.GetByteCount(key) > MaxAttributeKeyBytes)
            {
                throw new PubSubLimitException($"Pub/Sub attribute key '{Truncate(key)}' is longer than {MaxAttributeKeyBytes} bytes.");
            }

            if (Encoding.UTF8.GetByteCount(value) > MaxAttributeValueBytes)
            {
                throw new PubSubLimitException($"Pub/Sub attribute '{Truncate(key)}' has a value longer than {MaxAttributeValueBytes} bytes.");
            }
        }
        var size = RequestBytes(message);
        if (message.CalculateSize() > MaxMessageBytes)
        {
            throw new PubSubLimitException($"A Pub/Sub message may be at most {MaxMessageBytes} bytes; this one is {message.CalculateSize()}. Send large payloads by reference (a storage URI).");
        }

        return size;
    }

    /// <summary>Splits messages into requests of at most <see cref="MaxMessagesPerRequest"/> messages and <see cref="MaxRequestBytes"/> bytes.
    /// Messages with different ordering keys never share a request (Pub/Sub requires one ordering key per
    /// request); the messages of one key keep their order. Every message is checked before the first batch is returned.</summary>
    public static IEnumerable<IReadOnlyList<PubsubMessage>> Batches(IEnumerable<PubsubMessage> messages, int topicBytes = 0) =>
        IndexedBatches(messages, topicBytes).Select(batch => (IReadOnlyList<PubsubMessage>)batch.ConvertAll(m => m.Message));

    /// <summary><see cref="Batches"/>, each message with its position in <paramref name="messages"/>.</summary>
    internal static IEnumerable<List<(int Index, PubsubMessage Message)>> IndexedBatches(IEnumerable<PubsubMessage> messages, int topicBytes)
    {
        var sized = messages.Select((message, index) => (Index: index, Message: message, Size: Validate(message))).ToList();
        foreach (var key in sized.GroupBy(m => m.Message.OrderingKey, StringComparer.Ordinal))
        {
            var batch = new List<(int, PubsubMessage)>();
            long bytes = topicBytes;
            foreach (var (index, message, size) in key)
            {
                if (batch.Count > 0 && (batch.Count == MaxMessagesPerRequest || bytes + size > MaxRequestBytes))
                {
                    yield return batch;
                    batch = [];
                    bytes = topicBytes;
                }
                batch.Add((index, message));
                bytes += size;
            }
            if (batch.Count > 0)
            {
                yield return batch;
            }
        }
    }

    private static string Truncate(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
