using Microsoft.Extensions.Logging;
using MlOps.Contracts;

namespace MlOps.Platform.Messaging;

/// <summary>
/// An inbound message whose model name or version no API would accept is refused: logged as a warning naming each
/// field and its problem, then consumed. A retry cannot mend such a message, so it is never thrown back to the bus.
/// </summary>
public static partial class RefusedMessages
{
    /// <summary>True, after logging why, when the message's fields are not a model name and versions; false when it may be consumed.</summary>
    public static bool Refuse<TMessage>(this ILogger logger, string? model, params ReadOnlySpan<(string Field, int? Value)> versions)
        where TMessage : class
    {
        var problems = ModelFields.Problems("model", model, versions);
        if (problems.Count == 0)
        {
            return false;
        }

        Refused(logger, typeof(TMessage).Name, string.Join("; ", problems.Select(p => $"{p.Key}: {string.Join(", ", p.Value)}")));
        return true;
    }

    [LoggerMessage(EventId = 4000, Level = LogLevel.Warning, Message = "Refused a {MessageType} message, nothing was changed: {Problems}")]
    private static partial void Refused(ILogger logger, string messageType, string problems);
}
