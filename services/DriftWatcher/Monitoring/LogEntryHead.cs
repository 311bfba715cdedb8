using System.Text.Json;

namespace MlOps.DriftWatcher.Monitoring;

/// <summary>
/// What the DriftWatcher needs of one LogEntry before it counts it, read straight from the entry's UTF-8 JSON
/// with no object built: the timestamp, the payload's model, version and package, where its features array
/// lies and how many predictions it holds. Keys may come in any order (a sink's Struct payload need not keep
/// the Predictor's), and every other key is skipped unread. Strings are kept as ranges of the JSON, quotes
/// included, so a model already watched is recognised without decoding its name.
/// </summary>
public readonly record struct LogEntryHead(
    DateTimeOffset Timestamp,
    bool HasPayload,
    Range? Model,
    int? Version,
    Range? PackageUri,
    Range? Features,
    int? Predictions)
{
    /// <summary>Reads the head of one entry; false, with why, when it is not JSON or not shaped as a LogEntry.</summary>
    public static bool TryRead(ReadOnlySpan<byte> json, out LogEntryHead head, out string? problem)
    {
        head = default;
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                problem = "unreadable message: a log entry is a JSON object";
                return false;
            }

            DateTimeOffset timestamp = default;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("jsonPayload"u8))
                {
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.Null)
                    {
                        continue;
                    }

                    if (ReadPayload(ref reader, json, timestamp, out head) is { } wrong)
                    {
                        problem = wrong;
                        return false;
                    }
                }
                else if (reader.ValueTextEquals("timestamp"u8))
                {
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.Null && !reader.TryGetDateTimeOffset(out timestamp))
                    {
                        problem = "unreadable message: timestamp is not an RFC 3339 time";
                        return false;
                    }
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                problem = "unreadable message: the log entry's JSON does not end where its object does";
                return false;
            }

            head = head with { Timestamp = timestamp };
            problem = null;
            return true;
        }
        catch (JsonException e)
        {
            problem = $"unreadable message: {e.Message}";
            return false;
        }
    }

    /// <summary>The text of a string this head points at, unescaped.</summary>
    public static string Text(ReadOnlySpan<byte> json, Range token)
    {
        var reader = new Utf8JsonReader(json[token]);
        reader.Read();
        return reader.GetString()!;
    }

    /// <summary>A string's raw UTF-8 between its quotes; equal to the text itself when it holds no escape.</summary>
    public static ReadOnlySpan<byte> Raw(ReadOnlySpan<byte> json, Range token) => json[token][1..^1];

    private static string? ReadPayload(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, DateTimeOffset timestamp, out LogEntryHead head)
    {
        head = new LogEntryHead(timestamp, true, null, null, null, null, null);
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return "unreadable message: jsonPayload is not an object";
        }

        Range? model = null, packageUri = null, features = null;
        int? version = null, predictions = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("model"u8))
            {
                model = ReadString(ref reader, "jsonPayload.model", out var wrong);
                if (wrong is not null)
                {
                    return wrong;
                }
            }
            else if (reader.ValueTextEquals("version"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.Null)
                {
                    version = null;
                }
                else if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var number))
                {
                    version = number;
                }
                else
                {
                    return "unreadable message: jsonPayload.version is not a whole number";
                }
            }
            else if (reader.ValueTextEquals("packageUri"u8))
            {
                packageUri = ReadString(ref reader, "jsonPayload.packageUri", out var wrong);
                if (wrong is not null)
                {
                    return wrong;
                }
            }
            else if (reader.ValueTextEquals("features"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.Null)
                {
                    features = null;
                    continue;
                }

                if (reader.TokenType != JsonTokenType.StartArray)
                {
                    return "unreadable message: jsonPayload.features is not an array";
                }

                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                features = start..(int)reader.BytesConsumed;
            }
            else if (reader.ValueTextEquals("predictions"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.Null)
                {
                    predictions = null;
                    continue;
                }

                if (reader.TokenType != JsonTokenType.StartArray)
                {
                    return "unreadable message: jsonPayload.predictions is not an array";
                }

                var count = 0;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (reader.TokenType != JsonTokenType.Number || !reader.TryGetSingle(out _))
                    {
                        return "unreadable message: jsonPayload.predictions holds something other than numbers";
                    }

                    count++;
                }

                predictions = count;
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        head = head with { Model = model, Version = version, PackageUri = packageUri, Features = features, Predictions = predictions };
        return null;
    }

    private static Range? ReadString(ref Utf8JsonReader reader, string field, out string? problem)
    {
        reader.Read();
        problem = null;
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String:
                var start = (int)reader.TokenStartIndex;
                return start..(int)reader.BytesConsumed;
            default:
                problem = $"unreadable message: {field} is not a string";
                return null;
        }
    }
}
