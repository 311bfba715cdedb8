using System.Text.Json.Nodes;

namespace MlOps.Rehearsal.StandIns.Schema;

/// <summary>
/// The REQUIRED fields (<c>google.api.field_behavior</c>) a normalised request leaves unset, worded as Vertex AI words
/// them. Unset is proto3's notion: absent, or at the default value (an empty string, 0, an empty list).
/// </summary>
internal static class RequiredFields
{
    public const string NotSet = "Required field is not set.";

    /// <param name="opaque">Fields whose own REQUIRED fields are not checked (the resource of an update, which only its mask applies).</param>
    public static void Check(ProtoSchema schema, JsonObject message, MessageSpec spec, string path, IReadOnlyCollection<string> opaque, List<FieldViolation> violations)
    {
        foreach (var field in spec.Fields.Where(f => !f.IsOutputOnly))
        {
            var fieldPath = path.Length == 0 ? field.JsonName : path + "." + field.JsonName;
            var value = message[field.JsonName];
            if (field.IsRequired && IsUnset(schema, value, field))
            {
                violations.Add(new FieldViolation(fieldPath, NotSet));
                continue;
            }

            if (field.Kind != FieldKind.Message || opaque.Contains(fieldPath))
            {
                continue;
            }

            var children = field.Cardinality switch
            {
                FieldCardinality.Repeated => (value as JsonArray ?? []).Select((item, i) => (item, $"{fieldPath}[{i}]")),
                FieldCardinality.Map => (value as JsonObject ?? []).Select(entry => (entry.Value, $"{fieldPath}[{entry.Key}]")),
                _ => [(value, fieldPath)],
            };
            foreach (var (child, childPath) in children)
            {
                if (child is JsonObject childMessage)
                {
                    Check(schema, childMessage, schema.Message(field.TypeName!), childPath, opaque, violations);
                }
            }
        }
    }

    private static bool IsUnset(ProtoSchema schema, JsonNode? value, FieldSpec field) => value switch
    {
        null => true,
        JsonArray list => list.Count == 0,
        JsonObject map when field.Cardinality == FieldCardinality.Map => map.Count == 0,
        JsonObject => false,
        JsonValue scalar => field.Kind switch
        {
            FieldKind.String or FieldKind.Bytes or FieldKind.Timestamp or FieldKind.Duration or FieldKind.FieldMask => scalar.GetValue<string>().Length == 0,
            FieldKind.Int64 => scalar.GetValue<string>() == "0",
            FieldKind.Int32 => scalar.GetValue<int>() == 0,
            FieldKind.Bool => !scalar.GetValue<bool>(),
            FieldKind.Enum => scalar.GetValue<string>() == schema.Enum(field.TypeName!).Default,
            _ => false,
        },
        _ => false,
    };
}
