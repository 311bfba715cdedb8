namespace MlOps.Rehearsal.StandIns.Schema;

/// <summary>One field of a message: its proto name (the JSON name derives from it), what it holds and how it behaves.</summary>
internal sealed record FieldSpec(string ProtoName, FieldKind Kind, string? TypeName, FieldCardinality Cardinality, FieldBehavior Behavior)
{
    public string JsonName { get; } = ProtoNames.ToJsonName(ProtoName);

    public bool IsOutputOnly => Behavior.HasFlag(FieldBehavior.OutputOnly);

    public bool IsRequired => Behavior.HasFlag(FieldBehavior.Required) && !IsOutputOnly;

    /// <summary>How Google's transcoder names the type in an "Invalid value" message: <c>TYPE_STRING</c>, <c>type.googleapis.com/…</c>.</summary>
    public string Label => Kind switch
    {
        FieldKind.String => "TYPE_STRING",
        FieldKind.Int32 => "TYPE_INT32",
        FieldKind.Int64 => "TYPE_INT64",
        FieldKind.Bool => "TYPE_BOOL",
        FieldKind.Double => "TYPE_DOUBLE",
        FieldKind.Bytes => "TYPE_BYTES",
        FieldKind.Enum or FieldKind.Message => "type.googleapis.com/" + TypeName,
        _ => "type.googleapis.com/google.protobuf." + Kind,
    };

    /// <summary>
    /// Whether a value equal to the default is still printed: message-typed fields (well-known types included) and
    /// oneof members are; a scalar, an enum or an empty list or map is left out, as Google's JSON printer does.
    /// </summary>
    public bool HasPresence => Cardinality == FieldCardinality.Single
        && (Behavior.HasFlag(FieldBehavior.OneOf) || Kind is not (FieldKind.String or FieldKind.Int32 or FieldKind.Int64 or FieldKind.Bool or FieldKind.Double or FieldKind.Bytes or FieldKind.Enum));
}
