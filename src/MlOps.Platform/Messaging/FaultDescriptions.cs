using System.Security.Cryptography;
using System.Text.Json;
using MassTransit;
using MlOps.Contracts;

namespace MlOps.Platform.Messaging;

/// <summary>What a faulted receive says about itself, as a <see cref="MessageFaulted"/>: read from the exception headers
/// MassTransit wrote to the error destination, the consume context when the message was read, and the body.</summary>
internal static class FaultDescriptions
{
    /// <summary>MassTransit's default error queue name formatter, which both transports use: <c>{endpoint}_error</c>.</summary>
    public const string ErrorSuffix = "_error";

    private const int MaxExceptionMessage = 1000;
    private const int MaxModelLength = 200;
    private const int MaxBodyScanned = 256 * 1024;

    public static MessageFaulted Describe(ExceptionReceiveContext context, DateTimeOffset at)
    {
        context.TryGetPayload(out ConsumeContext? consume);
        var headers = context.ExceptionHeaders;
        var exception = context.Exception.GetBaseException();
        var endpoint = EndpointOf(context.InputAddress);
        var retries = context.TryGetPayload(out RetryContext? retry) ? retry.RetryCount : 0;
        return new MessageFaulted(
            MessageIdOf(context, consume),
            MessageTypeOf(context, consume),
            endpoint,
            endpoint + ErrorSuffix,
            headers.Get<string>(MessageHeaders.FaultExceptionType) ?? exception.GetType().FullName ?? exception.GetType().Name,
            Cut(headers.Get<string>(MessageHeaders.FaultMessage) ?? exception.Message, MaxExceptionMessage),
            retries + 1,
            ModelOf(context),
            at);
    }

    private static string EndpointOf(Uri address) =>
        address.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries) is [.., var last] ? last : address.ToString();

    // A redelivered message that is moved again must name the same message: every fallback is a property of the message.
    private static string MessageIdOf(ReceiveContext context, ConsumeContext? consume)
    {
        if ((consume?.MessageId ?? context.GetMessageId()) is { } id)
        {
            return id.ToString("D");
        }

        return context.TransportHeaders.Get<string>(MessageHeaders.TransportMessageId) is { Length: > 0 } transport
            ? transport
            : "sha256:" + Convert.ToHexStringLower(SHA256.HashData(context.GetBody()))[..32];
    }

    private static string MessageTypeOf(ExceptionReceiveContext context, ConsumeContext? consume)
    {
        var name = consume?.SupportedMessageTypes.FirstOrDefault()
            ?? context.ExceptionHeaders.Get<string>(MessageHeaders.FaultMessageType)
            ?? context.TransportHeaders.Get<string>(MessageHeaders.MessageType)?.Split(';')[0];
        return name is { Length: > 0 } ? ShortName(name) : "unknown";
    }

    /// <summary><c>urn:message:MlOps.Contracts:TrainingRequested</c> and <c>MlOps.Contracts.TrainingRequested</c> are both <c>TrainingRequested</c>.</summary>
    private static string ShortName(string name)
    {
        const string urn = "urn:message:";
        if (name.StartsWith(urn, StringComparison.Ordinal))
        {
            var rest = name[urn.Length..];
            return rest.IndexOf(':', StringComparison.Ordinal) is var colon and >= 0 ? rest[(colon + 1)..] : rest;
        }

        return name.IndexOfAny(['<', '[']) < 0 && name.LastIndexOf('.') is var dot and >= 0 ? name[(dot + 1)..] : name;
    }

    /// <summary>The <c>model</c> of the message (inside a MassTransit envelope, or of plain JSON), when it names one.</summary>
    private static string? ModelOf(ReceiveContext context)
    {
        try
        {
            var body = context.GetBody();
            if (body.Length is 0 or > MaxBodyScanned)
            {
                return null;
            }

            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            var message = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("message", out var inner) && inner.ValueKind == JsonValueKind.Object ? inner : root;
            return message.ValueKind == JsonValueKind.Object && message.TryGetProperty("model", out var model) && model.ValueKind == JsonValueKind.String
                ? Cut(model.GetString()!, MaxModelLength)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..max] + "…";
}
