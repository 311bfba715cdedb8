using System.Collections;
using System.Globalization;
using System.Text.Json;

namespace MlOps.ServiceDefaults.Logging;

/// <summary>Logged property values as JSON: numbers and booleans as themselves, sequences as arrays, the rest as invariant text.</summary>
internal static class CloudLoggingValues
{
    private const string RenamedPrefix = "state_";

    /// <summary>
    /// Writes one property once: a name Cloud Logging treats specially, or one already written, gets
    /// <see cref="RenamedPrefix"/> so it can neither replace a special field nor repeat a key.
    /// </summary>
    public static void WriteProperty(Utf8JsonWriter writer, string name, object? value, HashSet<string> written)
    {
        if (CloudLoggingFields.IsReserved(name) || written.Contains(name))
        {
            name = RenamedPrefix + name;
        }

        if (written.Add(name))
        {
            writer.WritePropertyName(name);
            WriteValue(writer, value, nested: false);
        }
    }

    private static void WriteValue(Utf8JsonWriter writer, object? value, bool nested)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string text:
                writer.WriteStringValue(text);
                break;
            case bool flag:
                writer.WriteBooleanValue(flag);
                break;
            case int or long or short or byte or sbyte or ushort or uint:
                writer.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case ulong number:
                writer.WriteNumberValue(number);
                break;
            case decimal number:
                writer.WriteNumberValue(number);
                break;
            case double number when double.IsFinite(number):
                writer.WriteNumberValue(number);
                break;
            case float number when float.IsFinite(number):
                writer.WriteNumberValue(number);
                break;
            case DateTimeOffset moment:
                writer.WriteStringValue(moment);
                break;
            case DateTime moment:
                writer.WriteStringValue(moment);
                break;
            case IEnumerable items when !nested:
                writer.WriteStartArray();
                foreach (var item in items)
                {
                    WriteValue(writer, item, nested: true);
                }

                writer.WriteEndArray();
                break;
            default:
                writer.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }
}
