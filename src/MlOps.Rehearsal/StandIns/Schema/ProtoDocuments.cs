using System.Text.Json.Nodes;

namespace MlOps.Rehearsal.StandIns.Schema;

/// <summary>
/// Checks a JSON document that is handed to a Google API outside the stand-ins (a file gcloud reads with
/// <c>--config-from-file</c> or <c>--policy-from-file</c>) against a transcribed message, as Google's parser reads it.
/// </summary>
public static class ProtoDocuments
{
    private static readonly ProtoJsonChecker Parser = new(ProtoSchema.Google, ProtoJsonMode.Request);

    /// <summary>
    /// Every unknown field name, wrong JSON type, unknown enum value, malformed duration or timestamp and unset REQUIRED
    /// field of <paramref name="document"/> read as <paramref name="messageFullName"/> (e.g. <c>google.monitoring.v3.AlertPolicy</c>),
    /// each as <c>field: description</c> with the field a lowerCamelCase path and the description worded as Google words it;
    /// empty when the document is one the API accepts as that message.
    /// </summary>
    public static IReadOnlyList<string> Check(string messageFullName, JsonNode? document)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(messageFullName);
        var message = ProtoSchema.Google.FindMessage(messageFullName)
            ?? throw new ArgumentException($"No message {messageFullName} is transcribed.", nameof(messageFullName));

        // Read from its text, as the API reads the file: a document built in code holds CLR numbers, not JSON ones.
        var text = document is null ? null : JsonNode.Parse(document.ToJsonString());
        var violations = new List<FieldViolation>();
        if (Parser.Read(text, message, "", violations) is { } read)
        {
            RequiredFields.Check(ProtoSchema.Google, read, message, "", [], violations);
        }

        return [.. violations.Select(v => v.Field.Length == 0 ? v.Description : $"{v.Field}: {v.Description}")];
    }
}
